package io.zkinfer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkinfer.inference.io.TensorJson;
import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Shape;
import io.zkinfer.inference.ir.TensorInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zkinfer quantize} then {@code zkinfer run --quantized} on the Conv + Gemm model: the files written, the
 * accuracy report, the integer outputs close to float, and the refusals (exit 2, one line).
 */
class QuantizeCommandTest {
  @TempDir Path dir;

  private Path convInput(double offset) throws IOException {
    StringBuilder x = new StringBuilder("{\"x\": [[[");
    for (int r = 0; r < 4; r++) {
      x.append(r == 0 ? "[" : ", [");
      for (int c = 0; c < 4; c++) {
        x.append(c == 0 ? "" : ", ").append(Math.sin(r * 4 + c + offset));
      }
      x.append(']');
    }
    Path p = dir.resolve("x" + offset + ".json");
    Files.writeString(p, x.append("]]]}").toString());
    return p;
  }

  @Test
  void quantizeWritesModelSettingsAndReportThenRunsTheIntegerModel() throws IOException {
    Path model = TinyModels.convGemm(dir);
    Path out = dir.resolve("q");
    CliRun q = CliRun.of("quantize", model.toString(), "--out", out.toString(), "--grid-samples", "16");
    System.out.println(q.out());
    assertEquals(ExitCodes.OK, q.exitCode(), q::toString);
    assertTrue(Files.isRegularFile(out.resolve("model.quant.onnx")), "model written");
    assertTrue(Files.isRegularFile(out.resolve("settings.json")), "settings written");
    assertTrue(q.out().contains("accuracy of the integer model"), q::toString);
    assertTrue(q.out().contains("output y"), q::toString);
    JsonNode settings = new ObjectMapper().readTree(out.resolve("settings.json").toFile());
    assertEquals("zkinfer-quant-settings", settings.get("format").asText());
    assertEquals(QuantizeCommand.sha256(Files.readAllBytes(model)), settings.get("sourceSha256").asText());
    JsonNode accuracy = new ObjectMapper().readTree(out.resolve("accuracy.json").toFile());
    assertEquals(16, accuracy.get("samples").asInt());

    Path in = convInput(0.5);
    List<TensorInfo> y = List.of(new TensorInfo("y", DataType.FLOAT, Shape.of(1, 3)));
    CliRun f = CliRun.of("run", model.toString(), "--input", in.toString(), "--json");
    CliRun i = CliRun.of("run", model.toString(), "--input", in.toString(), "--json", "--quantized", out.toString());
    assertEquals(ExitCodes.OK, i.exitCode(), i::toString);
    float[] want = TensorJson.parse(f.out(), y, "float").get("y").floats();
    float[] got = TensorJson.parse(i.out(), y, "integer").get("y").floats();
    for (int k = 0; k < want.length; k++) {
      // Outputs of size about 1 to 3 at scale >= 2^-4 after int8 rounding of every layer.
      assertEquals(want[k], got[k], 0.25, "output " + k + ": float " + want[k] + " integer " + got[k]);
    }
    CliRun text = CliRun.of("run", model.toString(), "--input", in.toString(), "--quantized", out.toString());
    assertTrue(text.out().startsWith("engine: integer executor, int8 model in " + out), text::toString);
  }

  @Test
  void optionsAreRecordedAndTestSetLabelsGiveAccuracy() throws IOException {
    Path model = TinyModels.convGemm(dir);
    Path cal = dir.resolve("cal.json");
    Files.writeString(cal, "{\"samples\": [" + Files.readString(convInput(0)) + ", "
        + Files.readString(convInput(1)) + "]}");
    Path test = dir.resolve("test.json");
    Files.writeString(test, "{\"samples\": [" + Files.readString(convInput(2)) + ", "
        + Files.readString(convInput(3)) + "], \"labels\": [2, 2]}");
    Path out = dir.resolve("q16");
    CliRun q = CliRun.of("quantize", model.toString(), "--calibration", cal.toString(), "--bits", "16",
        "--per-channel", "--test-set", test.toString(), "--out", out.toString());
    System.out.println(q.out());
    assertEquals(ExitCodes.OK, q.exitCode(), q::toString);
    assertTrue(q.out().contains("calibration: cal.json (2 samples)"), q::toString);
    assertTrue(q.out().contains("top-1 accuracy: float"), q::toString);
    JsonNode options = new ObjectMapper().readTree(out.resolve("settings.json").toFile()).get("options");
    assertEquals(16, options.get("activationBits").asInt());
    assertTrue(options.get("perChannel").asBoolean());
  }

  @Test
  void refusalsAreOneLineAndExitTwo() throws IOException {
    Path model = TinyModels.convGemm(dir);
    Path out = dir.resolve("q");
    CliRun bits = CliRun.of("quantize", model.toString(), "--out", out.toString(), "--bits", "4");
    assertEquals(ExitCodes.UNUSABLE_INPUT, bits.exitCode(), bits::toString);
    assertTrue(bits.err().contains("--bits must be 8 or 16"), bits::toString);
    CliRun range = CliRun.of("quantize", model.toString(), "--out", out.toString(), "--range", "x=1");
    assertEquals(ExitCodes.UNUSABLE_INPUT, range.exitCode(), range::toString);
    assertTrue(range.err().contains("expected LO,HI"), range::toString);
    CliRun noInput = CliRun.of("quantize", model.toString(), "--out", out.toString(), "--range", "image=0,1");
    assertEquals(ExitCodes.UNUSABLE_INPUT, noInput.exitCode(), noInput::toString);
    assertTrue(noInput.err().contains("no input 'image'"), noInput::toString);
    Path badCal = dir.resolve("bad.json");
    Files.writeString(badCal, "{\"samples\": [{\"x\": [[[[1, 2]]]]}]}");
    CliRun cal = CliRun.of("quantize", model.toString(), "--out", out.toString(), "--calibration",
        badCal.toString());
    assertEquals(ExitCodes.UNUSABLE_INPUT, cal.exitCode(), cal::toString);
    VerifyCommandTest.assertOneLineError(cal);
    assertTrue(cal.err().contains("samples[0]") && cal.err().contains("x[0][0][0]"), cal::toString);

    CliRun missing = CliRun.of("run", model.toString(), "--input", convInput(0).toString(), "--quantized",
        dir.resolve("nothing").toString());
    assertEquals(ExitCodes.UNUSABLE_INPUT, missing.exitCode(), missing::toString);
    VerifyCommandTest.assertOneLineError(missing);
    assertTrue(missing.err().contains("settings.json"), missing::toString);

    assertEquals(ExitCodes.OK, CliRun.of("quantize", model.toString(), "--out", out.toString()).exitCode());
    CliRun engine = CliRun.of("run", model.toString(), "--input", convInput(0).toString(), "--quantized",
        out.toString(), "--engine", "java");
    assertEquals(ExitCodes.UNUSABLE_INPUT, engine.exitCode(), engine::toString);
    assertTrue(engine.err().contains("--engine"), engine::toString);
    Path other = TinyModels.affine(dir);
    CliRun mismatch = CliRun.of("run", other.toString(), "--input", convInput(0).toString(), "--quantized",
        out.toString());
    assertEquals(ExitCodes.UNUSABLE_INPUT, mismatch.exitCode(), mismatch::toString);
    assertTrue(mismatch.err().contains("quantized from a different model"), mismatch::toString);
    System.out.println(bits.err() + range.err() + noInput.err() + cal.err() + missing.err() + mismatch.err());
  }
}
