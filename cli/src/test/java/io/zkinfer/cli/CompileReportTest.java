package io.zkinfer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.circuits.format.R1csFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zkinfer compile --stats} prints and {@code --report FILE.html} writes the constraints per layer. */
class CompileReportTest {
  @TempDir Path tmp;

  @Test
  void statsAndReportShowTheSameLayersAndTotals() throws Exception {
    Path model = TinyModels.affine(tmp);
    Path dir = tmp.resolve("affine");
    Path html = tmp.resolve("reports/affine & co.html"); // a directory to create, a name to escape in the page
    CliRun run = CliRun.of("compile", model.toString(), "--out", dir.toString(), "--range", "x=-4,4", "--stats",
        "--report", html.toString());
    assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
    assertTrue(run.out().contains("wrote " + html), run::toString);
    long constraints = R1csFile.read(dir.resolve("circuit.r1cs")).numConstraints();
    String total = String.format(Locale.ROOT, "%,d", constraints);

    List<String> layerRows = run.out().lines().dropWhile(l -> !l.equals("constraints per layer:")).skip(2)
        .takeWhile(l -> !l.trim().startsWith("total")).toList();
    assertTrue(layerRows.size() >= 3, run::toString); // input, the node(s), output
    assertTrue(run.out().lines().anyMatch(l -> l.trim().startsWith("total") && l.contains(total)
        && l.contains("100.0%")), run::toString);

    String page = Files.readString(html);
    assertEquals(layerRows.size(), page.split("<rect class=\"bar", -1).length - 1, "one bar per layer row");
    assertTrue(page.contains("<strong>" + total + "</strong> constraints"), page);
    assertTrue(page.contains("<title>Constraints of " + model.getFileName() + "</title>"), page);
    assertTrue(page.contains("<dt>visibility</dt><dd>input public, output public, weights fixed</dd>"), page);
    for (String row : layerRows) {
      String layer = row.trim().split("\\s+")[1];
      assertTrue(page.contains("<td>" + layer + "</td>"), () -> "no table row for " + layer);
    }
    assertFalse(page.contains("<script"), "the page must stand alone");
  }

  @Test
  void quietStillWritesTheReportAndAFileNameIsEscaped(@TempDir Path other) throws Exception {
    Path model = TinyModels.affine(other);
    Path renamed = Files.move(model, other.resolve("a<b>.onnx"));
    Path html = other.resolve("r.html");
    CliRun run = CliRun.of("compile", renamed.toString(), "--out", other.resolve("d").toString(), "--range",
        "x=-4,4", "--quiet", "--report", html.toString());
    assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
    assertEquals("", run.out(), "--quiet prints nothing");
    String page = Files.readString(html);
    assertTrue(page.contains("Constraints of a&lt;b&gt;.onnx"), page);
    assertFalse(page.contains("a<b>"), page);
  }
}
