package io.zkinfer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.inference.io.TensorJson;
import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Shape;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.ir.TensorInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zkinfer run} in float with ONNX Runtime and with the Java executor: a Gemm computed by hand, the two
 * engines agreeing on a Conv model, JSON output that reads back, and the input-file errors (exit 2, one line).
 */
class RunCommandTest {
  @TempDir Path dir;

  private Path input(String json) throws IOException {
    Path p = dir.resolve("input.json");
    Files.writeString(p, json);
    return p;
  }

  @Test
  void affineByHandOnBothEngines() throws IOException {
    Path model = TinyModels.affine(dir);
    Path in = input("{\"x\": [[1, 2]]}");
    for (String engine : new String[] {"onnxruntime", "java"}) {
      CliRun run = CliRun.of("run", model.toString(), "--input", in.toString(), "--engine", engine, "--json");
      assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
      Tensor y = TensorJson.parse(run.out(), List.of(new TensorInfo("y", DataType.FLOAT, Shape.of(1, 3))), "stdout")
          .get("y");
      assertArrayEquals(new float[] {1.5f, 2, 2}, y.floats(), 0f, engine);
    }
    CliRun text = CliRun.of("run", model.toString(), "--input", in.toString());
    System.out.println(text.out());
    assertTrue(text.out().contains("output 'y' FLOAT [1, 3]:\n  [1.50000, 2.00000, 2.00000]"), text::toString);
    assertTrue(text.out().contains("argmax over the last axis: [1]"), text::toString);
  }

  @Test
  void enginesAgreeOnAConvModel() throws IOException {
    Path model = TinyModels.convGemm(dir);
    StringBuilder x = new StringBuilder("{\"x\": [[[");
    for (int r = 0; r < 4; r++) {
      x.append(r == 0 ? "[" : ", [");
      for (int c = 0; c < 4; c++) {
        x.append(c == 0 ? "" : ", ").append((r * 4 + c) / 8.0 - 1);
      }
      x.append(']');
    }
    Path in = input(x.append("]]]}").toString());
    List<TensorInfo> out = List.of(new TensorInfo("y", DataType.FLOAT, Shape.of(1, 3)));
    CliRun ort = CliRun.of("run", model.toString(), "--input", in.toString(), "--json");
    CliRun java = CliRun.of("run", model.toString(), "--input", in.toString(), "--json", "--engine", "java");
    assertEquals(ExitCodes.OK, ort.exitCode(), ort::toString);
    assertEquals(ExitCodes.OK, java.exitCode(), java::toString);
    System.out.println(ort.out());
    float[] a = TensorJson.parse(ort.out(), out, "ort").get("y").floats();
    float[] b = TensorJson.parse(java.out(), out, "java").get("y").floats();
    assertArrayEquals(a, b, 1e-4f);
  }

  @Test
  void inputFileErrorsNameTheFileAndKey() throws IOException {
    Path model = TinyModels.affine(dir);
    CliRun wrongName = CliRun.of("run", model.toString(), "--input", input("{\"input\": [[1, 2]]}").toString());
    assertEquals(ExitCodes.UNUSABLE_INPUT, wrongName.exitCode(), wrongName::toString);
    VerifyCommandTest.assertOneLineError(wrongName);
    assertTrue(wrongName.err().contains("input.json") && wrongName.err().contains("unknown key 'input'")
        && wrongName.err().contains("'x' [1, 2]"), wrongName::toString);
    CliRun ragged = CliRun.of("run", model.toString(), "--input", input("{\"x\": [[1, 2, 3]]}").toString());
    assertEquals(ExitCodes.UNUSABLE_INPUT, ragged.exitCode(), ragged::toString);
    assertTrue(ragged.err().contains("x[0]"), ragged::toString);
    CliRun malformed = CliRun.of("run", model.toString(), "--input", input("{\"x\": [[1, 2]").toString());
    assertEquals(ExitCodes.UNUSABLE_INPUT, malformed.exitCode(), malformed::toString);
    VerifyCommandTest.assertOneLineError(malformed);
    assertTrue(malformed.err().contains("malformed JSON"), malformed::toString);
    CliRun missing = CliRun.of("run", model.toString(), "--input", dir.resolve("none.json").toString());
    assertEquals(ExitCodes.UNUSABLE_INPUT, missing.exitCode(), missing::toString);
    assertTrue(missing.err().contains("file not found") && missing.err().contains("none.json"), missing::toString);
    CliRun noInput = CliRun.of("run", model.toString());
    assertEquals(ExitCodes.UNUSABLE_INPUT, noInput.exitCode(), noInput::toString);
    assertTrue(noInput.err().contains("--input"), noInput::toString);
    System.out.println(wrongName.err() + ragged.err() + malformed.err());
  }
}
