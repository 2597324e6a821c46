package io.zkinfer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.circuits.format.R1csFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zkinfer groth16 info} on the demo circuit written to a .r1cs file, and on bad input. */
class InfoCommandTest {
  @TempDir Path dir;

  @Test
  void printsTheCounts() throws IOException {
    Path r1cs = dir.resolve("cubic.r1cs");
    R1csFile.write(DemoCircuit.r1cs(), r1cs);
    CliRun run = CliRun.of("groth16", "info", "--r1cs", r1cs.toString());
    assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
    assertTrue(run.out().contains("constraints:    3\n"), run::toString);
    assertTrue(run.out().contains("wires:          5 "), run::toString);
    assertTrue(run.out().contains("public:         1 (outputs: 1, public inputs: 0)"), run::toString);
    assertTrue(run.out().contains("private:        3 (private inputs: 1, internal wires: 2)"), run::toString);
  }

  @Test
  void missingFileIsOneLineAndExitTwo() {
    CliRun run = CliRun.of("groth16", "info", "--r1cs", dir.resolve("absent.r1cs").toString());
    assertEquals(ExitCodes.UNUSABLE_INPUT, run.exitCode(), run::toString);
    assertEquals("zkinfer: error: file not found: " + dir.resolve("absent.r1cs"), run.err().strip());
  }

  @Test
  void notAnR1csFileIsOneLineAndExitTwo() throws IOException {
    Path junk = dir.resolve("junk.r1cs");
    Files.writeString(junk, "this is not an r1cs file");
    CliRun run = CliRun.of("groth16", "info", "--r1cs", junk.toString());
    assertEquals(ExitCodes.UNUSABLE_INPUT, run.exitCode(), run::toString);
    assertTrue(run.err().startsWith("zkinfer: error: "), run::toString);
    assertEquals(1, run.err().strip().lines().count(), run::toString);
    System.out.println(run.err());
  }

  @Test
  void verboseAddsTheStackTrace() {
    CliRun run = CliRun.of("--verbose", "groth16", "info", "--r1cs", dir.resolve("absent.r1cs").toString());
    assertEquals(ExitCodes.UNUSABLE_INPUT, run.exitCode(), run::toString);
    assertTrue(run.err().lines().count() > 1, run::toString);
  }
}
