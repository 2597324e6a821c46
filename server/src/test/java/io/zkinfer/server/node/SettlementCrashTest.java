package io.zkinfer.server.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.api.ModelUploads;
import io.zkinfer.api.ZkinferClient;
import io.zkinfer.api.v1.GetModelRequest;
import io.zkinfer.api.v1.GetProofJobRequest;
import io.zkinfer.api.v1.ModelRef;
import io.zkinfer.api.v1.ProofJob;
import io.zkinfer.api.v1.ProofJobState;
import io.zkinfer.api.v1.SubmitProofRequest;
import io.zkinfer.api.v1.VersionStatus;
import io.zkinfer.server.billing.Billing;
import io.zkinfer.server.billing.Coin;
import io.zkinfer.server.billing.LedgerAccount;
import io.zkinfer.server.billing.Posting;
import io.zkinfer.server.billing.PriceList;
import io.zkinfer.server.billing.ReceiptSigner;
import io.zkinfer.server.billing.Transaction;
import io.zkinfer.server.store.LedgerStore;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a node with SIGKILL in the middle of settlement, twice, and restarts it: once after a proof verified but
 * before its charge settled, once after the charge settled but before the job was marked done. A restarted node
 * takes each such job again once the dead node's lease lapses, proves it again and settles it once: every call is
 * charged exactly its price, no more and no less, and the ledger balances.
 */
class SettlementCrashTest {

    private static final int CALLS = 3;

    @TempDir
    Path dir;

    private final List<Process> children = new ArrayList<>();

    /** A child left running by a failed assertion is killed here (it also ends when this JVM does). */
    @AfterEach
    void killChildren() {
        children.forEach(Process::destroyForcibly);
    }

    @Test
    void noChargeIsLostOrDuplicatedWhenTheNodeDiesMidSettlement() throws Exception {
        Child first = track(Child.start(dir, "before-settle:600000"));
        String modelId;
        List<String> jobs = new ArrayList<>();
        try (ZkinferClient dev = first.client("dev.key"); ZkinferClient client = first.client("client.key")) {
            modelId = ModelUploads.deploy(dev.modelsAsync(), NodeFixture.mlpHeader("crash"),
                    new ByteArrayInputStream(NodeFixture.mnistMlp()), Duration.ofSeconds(60)).getModel().getModelId();
            awaitReady(dev, modelId);
            for (int i = 0; i < CALLS; i++) {
                jobs.add(client.inference().submitProof(SubmitProofRequest.newBuilder()
                        .setModel(ModelRef.newBuilder().setModelId(modelId)).addInputs(NodeFixture.digit(i))
                        .setIdempotencyKey("crash-" + i).build()).getJobId());
            }
        }
        String pausedJob = first.awaitFault("before-settle");
        first.kill();

        Child second = track(Child.start(dir, "after-settle:600000"));
        String settledJob = second.awaitFault("after-settle");
        second.kill();
        assertTrue(jobs.contains(pausedJob) && jobs.contains(settledJob));

        Child third = track(Child.start(dir, null));
        try (ZkinferClient client = third.client("client.key")) {
            for (String job : jobs) {
                ProofJob done = awaitEnd(client, job);
                assertEquals(ProofJobState.PROOF_JOB_STATE_SUCCEEDED, done.getState(), done.getStatusMessage());
            }
        }
        third.kill();

        try (LedgerStore store = LedgerStore.open("jdbc:sqlite:" + dir.resolve("zkinfer.db"))) {
            Billing billing = new Billing(store, new PriceList(), ReceiptSigner.generate(new SecureRandom()));
            long price = NodeFixture.PRICE_MINOR;
            assertEquals(1_000_000 - CALLS * price, billing.balance(LedgerAccount.clientAvailable(NodeFixture.CLIENT),
                    Coin.ZKC).minor(), "the client paid each call once");
            assertEquals(0, billing.balance(LedgerAccount.clientHeld(NodeFixture.CLIENT), Coin.ZKC).minor(),
                    "no hold is left");
            assertEquals(CALLS * price * 7 / 10, billing.balance(LedgerAccount.developerEarnings(
                    NodeFixture.DEVELOPER), Coin.ZKC).minor());
            assertEquals(CALLS * price * 3 / 10, billing.balance(LedgerAccount.platformRevenue(), Coin.ZKC).minor());
            List<Transaction> statement = billing.statement(LedgerAccount.clientHeld(NodeFixture.CLIENT));
            assertEquals(CALLS, statement.stream().filter(t -> t.kind() == Transaction.Kind.SETTLE).count());
            for (Transaction t : statement) {
                assertEquals(0, t.postings().stream().mapToLong(p -> p.amount().minor()).sum(), t.toString());
            }
        }
    }

    private Child track(Child child) {
        children.add(child.process());
        return child;
    }

    private static void awaitReady(ZkinferClient dev, String modelId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            var m = dev.models().getModel(GetModelRequest.newBuilder().setModelId(modelId).setIncludeVersions(true)
                    .build());
            if (m.getVersions(0).getStatus() == VersionStatus.VERSION_STATUS_READY) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the model did not build");
    }

    private static ProofJob awaitEnd(ZkinferClient client, String job) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            ProofJob j = client.inference().getProofJob(GetProofJobRequest.newBuilder().setJobId(job).build());
            if (j.getState() != ProofJobState.PROOF_JOB_STATE_QUEUED
                    && j.getState() != ProofJobState.PROOF_JOB_STATE_RUNNING) {
                return j;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("proof job " + job + " did not end");
    }

    /** A {@link ChildNode} process and the fault lines it prints. */
    private record Child(Process process, Path dir, BlockingQueue<String> faults) {

        static Child start(Path dir, String fault) throws Exception {
            Files.deleteIfExists(dir.resolve("port"));
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", System.getProperty("java.class.path")));
            if (fault != null) {
                cmd.add("-Dzkinfer.fault.pause=" + fault);
            }
            cmd.add(ChildNode.class.getName());
            cmd.add(dir.toString());
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            BlockingQueue<String> faults = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        int at = line.indexOf("zkinfer-fault ");
                        if (at >= 0) {
                            faults.add(line.substring(at));
                        }
                    }
                } catch (java.io.IOException ignored) {
                    // the process died
                }
            });
            reader.setDaemon(true);
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(dir.resolve("port"))) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("the child node did not start (exit " + (p.isAlive() ? "none"
                            : p.exitValue()) + ")");
                }
                Thread.sleep(50);
            }
            return new Child(p, dir, faults);
        }

        ZkinferClient client(String keyFile) throws Exception {
            int port = Integer.parseInt(Files.readString(dir.resolve("port")).strip());
            return ZkinferClient.forTarget("127.0.0.1:" + port, Files.readString(dir.resolve(keyFile)).strip());
        }

        /** Waits for the node to stop at fault point {@code point}; the job it stopped on. */
        String awaitFault(String point) throws InterruptedException {
            String line = faults.poll(3, TimeUnit.MINUTES);
            assertTrue(line != null && line.startsWith("zkinfer-fault " + point + " "), "fault line: " + line);
            return line.split(" ")[2];
        }

        /** SIGKILL: the process gets no chance to finish anything. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, process.exitValue(), "killed by SIGKILL");
        }
    }
}
