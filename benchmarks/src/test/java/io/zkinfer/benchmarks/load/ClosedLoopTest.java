package io.zkinfer.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.zkinfer.api.ZkinferClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The load generator's core loop against an embedded node over TCP: two clients for about a second, with each
 * stub kind. The counts must add up (window calls equal recorded latencies) and agree with the node's ledger (every
 * OK call charged once at the model's price), and no call may fail. No timing is asserted.
 */
class ClosedLoopTest {

  private static EmbeddedNode node;
  private static String modelId;

  @BeforeAll
  static void deploy() throws Exception {
    // thousands of calls: keep the node's per-call log line out of the test output (it is INFO by default)
    System.setProperty("org.slf4j.simpleLogger.log.io.zkinfer.server.observe.RequestLogInterceptor", "warn");
    node = EmbeddedNode.start(null);
    try (ZkinferClient developer = ZkinferClient.forTarget(node.target(), node.developerKey())) {
      modelId = MlpDeployment.deploy(developer, MlpDeployment.mlpFile(), Duration.ofMinutes(2));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void asyncClientsCountEveryCallAndTheLedgerChargesEach() throws Exception {
    loadAndCheck(ClosedLoop.Stubs.ASYNC);
  }

  @Test
  void blockingClientsCountEveryCallAndTheLedgerChargesEach() throws Exception {
    loadAndCheck(ClosedLoop.Stubs.BLOCKING);
  }

  private static synchronized void loadAndCheck(ClosedLoop.Stubs stubs) throws Exception {
    String key = node.payingClientKey();
    long before = node.availableMinor(EmbeddedNode.PAYING_CLIENT);
    ManagedChannel channel = ManagedChannelBuilder.forTarget(node.target()).usePlaintext().build();
    try {
      ClosedLoop loop = new ClosedLoop(List.of(ZkinferClient.over(channel, key, Duration.ofSeconds(30))), modelId,
          stubs);
      ClosedLoop.Level level = loop.level(2, Duration.ofMillis(200), Duration.ofSeconds(1));
      PhaseResult m = level.measured();

      assertEquals(2, m.clients());
      assertEquals("none", level.warmUp().errorsText(), "warm-up errors");
      assertEquals("none", m.errorsText(), "measured errors");
      assertTrue(m.calls() > 0, "no call answered within the window");
      assertEquals(m.calls(), m.latencies().getTotalCount(), "every window call has its latency");
      assertTrue(m.lateCalls() <= 2, "at most one call per client answers after the window: " + m.lateCalls());
      assertTrue(m.percentileMillis(50) <= m.percentileMillis(95) && m.percentileMillis(95) <= m.maxMillis());

      long okCalls = level.warmUp().okCalls() + m.okCalls();
      long paid = before - node.availableMinor(EmbeddedNode.PAYING_CLIENT);
      assertEquals(okCalls * MlpDeployment.PRICE_MINOR, paid, "the ledger charged each OK call once");
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
