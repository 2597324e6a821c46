package io.zkinfer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.spi.KernelBackend;
import io.zkinfer.algebra.spi.KernelBackends;
import io.zkinfer.circuits.format.R1csFile;
import io.zkinfer.circuits.format.WtnsFile;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zkinfer backends} lists every discovered backend with its state, and {@code --backend NAME} on any
 * command picks one: the Java backend proves and the proof verifies; an unknown name exits 2 before any work
 * with one line naming the backends that are available.
 */
class BackendsCommandTest {
  @TempDir Path tmp;

  @AfterEach
  void forgetTheChoice() {
    System.clearProperty(KernelBackends.BACKEND_PROPERTY);
  }

  @Test
  void listsEveryBackendWithItsStateAndTheOneInUse() {
    CliRun run = CliRun.of("backends");
    assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
    for (KernelBackend b : KernelBackends.all()) {
      String state = b.isAvailable() ? "available" : "unavailable: " + b.unavailableReason();
      assertTrue(run.out().lines().anyMatch(l -> l.trim().startsWith(b.name() + " ") && l.contains(state)),
          () -> "a line for '" + b.name() + "' saying " + state + "\n" + run);
    }
    String best = KernelBackends.select(KernelBackends.all(), null, null).name();
    assertTrue(run.out().contains("MSM_G1   " + best), run::toString);
  }

  @Test
  void backendJavaProvesAndTheProofVerifies() throws IOException {
    Path r1cs = tmp.resolve("cubic.r1cs");
    Path wtns = tmp.resolve("cubic.wtns");
    R1csFile.write(DemoCircuit.r1cs(), r1cs);
    WtnsFile.write(DemoCircuit.witness(Fr.of(3)), wtns);
    Path keys = tmp.resolve("keys");
    assertEquals(ExitCodes.OK, CliRun.of("groth16", "setup", "--r1cs", r1cs.toString(), "--out",
        keys.toString()).exitCode());
    CliRun prove = CliRun.of("groth16", "prove", "--backend", "java", "--key",
        keys.resolve("proving.key").toString(), "--wtns", wtns.toString(), "--proof",
        tmp.resolve("proof.json").toString(), "--public", tmp.resolve("public.json").toString());
    assertEquals(ExitCodes.OK, prove.exitCode(), prove::toString);
    assertEquals("java", System.getProperty(KernelBackends.BACKEND_PROPERTY));
    CliRun verify = CliRun.of("groth16", "verify", "--vk", keys.resolve("verification_key.json").toString(),
        "--proof", tmp.resolve("proof.json").toString(), "--public", tmp.resolve("public.json").toString());
    assertEquals(ExitCodes.OK, verify.exitCode(), verify::toString);

    CliRun listed = CliRun.of("backends", "--backend", "java");
    assertTrue(listed.out().contains("in use (--backend java):"), listed::toString);
    assertTrue(listed.out().contains("NTT      java"), listed::toString);
  }

  @Test
  void anUnknownBackendIsRefusedBeforeAnyWork() {
    CliRun run = CliRun.of("groth16", "demo", "--backend", "quantum");
    assertEquals(ExitCodes.UNUSABLE_INPUT, run.exitCode(), run::toString);
    assertTrue(run.err().contains("kernel backend 'quantum' (from --backend) is not installed; available: "),
        run::toString);
    assertTrue(run.err().contains("java (rank 0)"), run::toString);
    assertFalse(run.out().contains("setup"), "the demo did not start\n" + run);
    assertEquals(null, System.getProperty(KernelBackends.BACKEND_PROPERTY));
  }
}
