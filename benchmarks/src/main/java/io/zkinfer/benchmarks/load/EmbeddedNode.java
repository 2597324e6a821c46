package io.zkinfer.benchmarks.load;

import io.zkinfer.server.NodeConfig;
import io.zkinfer.server.ZkinferNode;
import io.zkinfer.server.access.RateLimit;
import io.zkinfer.server.billing.Coin;
import io.zkinfer.server.billing.LedgerAccount;
import io.zkinfer.server.billing.Money;
import io.zkinfer.server.billing.Plan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A node started in this process on the loopback interface, serving gRPC on a free TCP port (Netty, the same
 * transport a remote client uses; not in-process), with its SQLite ledger and model store in a data directory, and
 * the accounts the load runs as: a developer who deploys, a client on pay-per-call with a large deposit (every call
 * is a real charge in the ledger), and a client on a free plan with a quota the load cannot exhaust.
 *
 * <p>Every client of one account shares one API key; the node's per-key limit is raised to
 * {@link #KEY_RATE_LIMIT} so that the load measures the node, not its rate limiter's refusals (the limiter still
 * runs on every call).
 */
public final class EmbeddedNode implements AutoCloseable {

  /** The account that deploys the model. */
  public static final String DEVELOPER = "load-developer";
  /** The account on pay-per-call. */
  public static final String PAYING_CLIENT = "load-paying-client";
  /** The account on the free plan. */
  public static final String FREE_CLIENT = "load-free-client";
  /** The paying client's deposit: 1,000,000 ZKC in micro-ZKC, 500 million calls at the load's price. */
  public static final long DEPOSIT_MINOR = 1_000_000_000_000L;
  /** A free quota no run reaches. */
  public static final long FREE_CALLS_PER_MONTH = 1_000_000_000L;
  /** One million calls a second per API key: far above what the load sends. */
  public static final RateLimit KEY_RATE_LIMIT = RateLimit.perSecond(1_000_000);

  private final ZkinferNode node;
  private final Path dataDir;
  private final boolean deleteOnClose;

  private EmbeddedNode(ZkinferNode node, Path dataDir, boolean deleteOnClose) {
    this.node = node;
    this.dataDir = dataDir;
    this.deleteOnClose = deleteOnClose;
  }

  /**
   * Starts a node with its data in {@code dataDir}, or in a new temporary directory (deleted on close) when
   * {@code dataDir} is null.
   */
  public static EmbeddedNode start(Path dataDir) throws IOException {
    boolean temporary = dataDir == null;
    Path dir = temporary ? Files.createTempDirectory("zkinfer-load-") : dataDir;
    ZkinferNode node = ZkinferNode.start(NodeConfig.defaults(dir).withPorts("127.0.0.1", 0, -1)
        .withKeyRateLimit(KEY_RATE_LIMIT));
    return new EmbeddedNode(node, dir, temporary);
  }

  /** {@code 127.0.0.1:PORT}. */
  public String target() {
    return "127.0.0.1:" + node.port();
  }

  /** The node's data directory (database, model store). */
  public Path dataDir() {
    return dataDir;
  }

  /** The node itself, for checks on its ledger. */
  public ZkinferNode node() {
    return node;
  }

  /** A new API key of the developer. */
  public String developerKey() {
    return node.apiKeys().issue(DEVELOPER, false, "load developer").plaintext();
  }

  /** Puts the paying client on pay-per-call with {@link #DEPOSIT_MINOR}; a new API key of it. */
  public String payingClientKey() {
    node.billing().setPlan(PAYING_CLIENT, new Plan.PayPerCall());
    node.billing().deposit("load-deposit-" + UUID.randomUUID(), PAYING_CLIENT, Money.zkc(DEPOSIT_MINOR));
    return node.apiKeys().issue(PAYING_CLIENT, false, "load paying client").plaintext();
  }

  /** Puts the free client on a free plan of {@link #FREE_CALLS_PER_MONTH}; a new API key of it. */
  public String freeClientKey() {
    node.billing().setPlan(FREE_CLIENT, new Plan.Free(FREE_CALLS_PER_MONTH));
    return node.apiKeys().issue(FREE_CLIENT, false, "load free client").plaintext();
  }

  /** What {@code account} has available, in micro-ZKC. */
  public long availableMinor(String account) {
    return node.billing().balance(LedgerAccount.clientAvailable(account), Coin.ZKC).minor();
  }

  /** Stops the node and deletes a temporary data directory; an interrupt while stopping stays set on the thread. */
  @Override
  public void close() {
    try {
      node.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (deleteOnClose) {
      try (Stream<Path> files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete the load's data directory " + dataDir, e);
      }
    }
  }
}
