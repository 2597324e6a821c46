package io.zkinfer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.circuits.format.R1csFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zkinfer compile} prints the circuit's size estimate before compiling (equal to the compiled count on a
 * small model), and refuses a model whose estimate exceeds {@code --max-constraints} with exit 2 and one line naming
 * the estimate, the limit and what it would take, writing nothing.
 */
class CompileSizeGuardTest {
  @TempDir Path tmp;

  @Test
  void compilePrintsTheEstimateAndRefusesAModelAboveTheLimit() throws IOException {
    Path model = TinyModels.affine(tmp);
    Path dir = tmp.resolve("ok");
    CliRun ok = CliRun.of("compile", model.toString(), "--out", dir.toString(), "--range", "x=-4,4");
    assertEquals(ExitCodes.OK, ok.exitCode(), ok::toString);
    int constraints = R1csFile.read(dir.resolve("circuit.r1cs")).numConstraints();
    assertTrue(ok.out().contains(String.format(Locale.ROOT, "estimated %,d constraints (limit %,d)", constraints,
        1L << 24)), ok::toString);

    Path refusedDir = tmp.resolve("refused");
    CliRun refused = CliRun.of("compile", model.toString(), "--out", refusedDir.toString(), "--range", "x=-4,4",
        "--max-constraints", String.valueOf(constraints - 1));
    assertEquals(ExitCodes.UNUSABLE_INPUT, refused.exitCode(), refused::toString);
    String err = refused.err().strip();
    assertFalse(err.contains("\n"), refused::toString);
    for (String fragment : new String[] {"cannot compile", String.format(Locale.ROOT, "needs about %,d constraints",
        constraints), String.format(Locale.ROOT, "limit of %,d", constraints - 1), "most expensive: '",
        "--max-constraints N"}) {
      assertTrue(err.contains(fragment), () -> "expected '" + fragment + "' in\n" + refused);
    }
    assertFalse(Files.exists(refusedDir.resolve("circuit.r1cs")), "nothing is compiled");

    CliRun zero = CliRun.of("compile", model.toString(), "--out", refusedDir.toString(), "--max-constraints", "0");
    assertEquals(ExitCodes.UNUSABLE_INPUT, zero.exitCode(), zero::toString);
    assertTrue(zero.err().contains("--max-constraints must be at least 1"), zero::toString);
  }
}
