package io.zkinfer.server.node;

import io.zkinfer.server.NodeConfig;
import io.zkinfer.server.ZkinferNode;
import io.zkinfer.server.billing.Money;
import io.zkinfer.server.billing.Plan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A node in its own JVM for crash tests: serves the data directory {@code args[0]} on a free loopback port with a
 * 2-second proof lease, and writes {@code port}, and on its first start the developer's and client's API keys
 * ({@code dev.key}, {@code client.key}; the client on pay-per-call with 1 ZKC deposited), into that directory.
 * Runs until killed, or until its standard input closes (the test that started it ended).
 */
public final class ChildNode {

    private ChildNode() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        ZkinferNode node = ZkinferNode.start(NodeConfig.defaults(dir).withPorts("127.0.0.1", 0, -1)
                .withProofLease(Duration.ofSeconds(2)));
        if (!Files.exists(dir.resolve("client.key"))) {
            Files.writeString(dir.resolve("dev.key"), node.apiKeys().issue(NodeFixture.DEVELOPER, false, "crash")
                    .plaintext());
            node.billing().setPlan(NodeFixture.CLIENT, new Plan.PayPerCall());
            node.billing().deposit("crash-fund", NodeFixture.CLIENT, Money.zkc(1_000_000));
            Files.writeString(dir.resolve("client.key"), node.apiKeys().issue(NodeFixture.CLIENT, false, "crash")
                    .plaintext());
        }
        Path port = dir.resolve("port");
        Files.writeString(dir.resolve("port.tmp"), Integer.toString(node.port()));
        Files.move(dir.resolve("port.tmp"), port, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.err.println("zkinfer-child serving on " + node.port());
        // The test holds this process's standard input; when the test's JVM ends, for whatever reason, the pipe
        // closes and the child ends too, so no node outlives its test.
        while (System.in.read() >= 0) {
            // nothing is sent; wait for the end of the stream
        }
        Runtime.getRuntime().halt(0);
    }
}
