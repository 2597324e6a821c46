package io.zkinfer.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The load generator's command line: its defaults, what each option sets, and what it refuses. */
class LoadOptionsTest {

  @Test
  void theDefaultsWarmTheJitThenMeasureEveryLevelOfBothPlans() {
    LoadOptions o = LoadOptions.parse();
    assertEquals(List.of(1, 4, 6, 8, 64), o.clients());
    assertEquals(Duration.ofSeconds(30), o.jitWarmUp());
    assertEquals(Duration.ofSeconds(5), o.warmUp());
    assertEquals(Duration.ofSeconds(20), o.measured());
    assertEquals(LoadOptions.PLANS, o.plans());
    assertEquals(5, o.proofs());
    assertTrue(o.directExecutor(), "answers are handled on the network threads unless asked otherwise");
    assertTrue(o.embedded());
  }

  @Test
  void optionsSetWhatTheySay() {
    LoadOptions o = LoadOptions.parse("--clients", "2,16", "--jit-warmup", "0", "--warmup", "1.5", "--seconds", "3",
        "--plans", "free", "--proofs", "0", "--stubs", "blocking", "--channels", "2", "--callbacks", "executor");
    assertEquals(List.of(2, 16), o.clients());
    assertEquals(Duration.ZERO, o.jitWarmUp());
    assertEquals(Duration.ofMillis(1500), o.warmUp());
    assertEquals(Duration.ofSeconds(3), o.measured());
    assertEquals(List.of("free"), o.plans());
    assertEquals(0, o.proofs());
    assertEquals(ClosedLoop.Stubs.BLOCKING, o.stubs());
    assertEquals(2, o.channels());
    assertFalse(o.directExecutor());
  }

  @Test
  void badValuesAreRefusedWithTheOptionNamed() {
    assertTrue(refusal("--jit-warmup", "-1").contains("--jit-warmup"));
    assertTrue(refusal("--seconds", "0").contains("--seconds"));
    assertTrue(refusal("--clients", "0").contains("--clients"));
    assertTrue(refusal("--plans", "gold").contains("gold"));
    assertTrue(refusal("--callbacks", "direct").contains("--callbacks"));
    assertTrue(refusal("--warmup").contains("needs a value"));
    assertTrue(refusal("--model", "m").contains("only with --server"));
    assertTrue(refusal("--server", "localhost:1").contains("--api-key-file"));
  }

  private static String refusal(String... args) {
    return assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse(args)).getMessage();
  }
}
