package io.zkinfer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.inference.io.TensorJson;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.testing.OperatorFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every per-operator fixture model goes through {@code zkinfer inspect} and {@code zkinfer run} (ONNX Runtime
 * and the Java executor, JSON out), and the two engines agree to a normwise relative error of 1e-4.
 */
class OperatorFixturesCliTest {
  @TempDir Path dir;

  @Test
  void everyOperatorFixtureInspectsAndRuns() throws IOException {
    int checked = 0;
    for (OperatorFixtures.Fixture f : OperatorFixtures.loadAll()) {
      Path model = dir.resolve(f.operator() + ".onnx");
      Path input = dir.resolve(f.operator() + ".json");
      Files.write(model, f.model());
      Files.writeString(input, OperatorFixtures.inputJson(f));
      CliRun inspect = CliRun.of("inspect", model.toString(), "--json");
      assertEquals(ExitCodes.OK, inspect.exitCode(), inspect::toString);
      CliRun ort = CliRun.of("run", model.toString(), "--input", input.toString(), "--json");
      CliRun java = CliRun.of("run", model.toString(), "--input", input.toString(), "--json", "--engine", "java");
      assertEquals(ExitCodes.OK, ort.exitCode(), ort::toString);
      assertEquals(ExitCodes.OK, java.exitCode(), java::toString);
      Map<String, Tensor> a = TensorJson.parse(ort.out(), f.graph().outputs(), f.operator() + " (onnxruntime)");
      Map<String, Tensor> b = TensorJson.parse(java.out(), f.graph().outputs(), f.operator() + " (java)");
      for (String name : a.keySet()) {
        float[] x = a.get(name).floats();
        float[] y = b.get(name).floats();
        assertEquals(x.length, y.length, f.operator());
        double max = 0;
        double diff = 0;
        for (int i = 0; i < x.length; i++) {
          max = Math.max(max, Math.abs(x[i]));
          diff = Math.max(diff, Math.abs(x[i] - y[i]));
        }
        double rel = diff / Math.max(max, 1e-30);
        assertTrue(rel <= 1e-4, f.operator() + " output " + name + ": relative error " + rel);
      }
      checked++;
    }
    System.out.println("inspect and run agree on " + checked + " operator fixtures");
    assertEquals(OperatorFixtures.operators().size(), checked);
  }
}
