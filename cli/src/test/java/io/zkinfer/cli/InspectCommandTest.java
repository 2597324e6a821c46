package io.zkinfer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zkinfer inspect} on a Conv + Gemm model counted by hand, and on files it must refuse. */
class InspectCommandTest {
  @TempDir Path dir;

  @Test
  void printsShapesParametersMacsAndEstimatedConstraints() throws IOException {
    Path model = TinyModels.convGemm(dir);
    CliRun run = CliRun.of("inspect", model.toString());
    System.out.println(run.out());
    assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
    String out = run.out();
    assertTrue(out.contains("input:       x FLOAT [N, 1, 4, 4]  (estimated at [1, 1, 4, 4])"), out);
    assertTrue(out.contains("output:      y FLOAT [N, 3]"), out);
    assertTrue(out.contains("parameters:  119\n"), out);
    assertTrue(out.contains("MACs:        384\n"), out);
    assertTrue(out.contains("peak activation memory: 64 elements = 256 B at float32, 64 B at int8"), out);
    assertTrue(out.contains("estimated constraints at int8: 918 "), out);
    assertTrue(out.matches("(?s).*\\bconv\\s+Conv\\s+\\[1, 2, 4, 4]\\s+20\\s+288\\s+544\\b.*"), out);
    assertTrue(out.matches("(?s).*\\bfc\\s+Gemm\\s+\\[1, 3]\\s+99\\s+96\\s+54\\b.*"), out);
    assertEquals("", run.err());
  }

  @Test
  void jsonCarriesTheSameNumbers() throws IOException {
    Path model = TinyModels.convGemm(dir);
    CliRun run = CliRun.of("inspect", model.toString(), "--json", "--bits", "16");
    assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
    JsonNode j = new ObjectMapper().readTree(run.out());
    assertEquals("onnx", j.get("format").asText());
    assertEquals("N", j.get("inputs").get(0).get("shape").get(0).asText());
    assertEquals(4, j.get("inputs").get(0).get("shape").get(3).asInt());
    JsonNode e = j.get("estimate");
    assertEquals(119, e.get("parameters").asLong());
    assertEquals(384, e.get("macs").asLong());
    assertEquals(32 * (16 + 15 + 2) + 32 * (16 + 2) + 3 * (16 + 16 + 2), e.get("constraints").asLong());
    assertEquals(128, e.get("peakActivation").get("bytesQuantized").asLong());
    assertEquals(4, e.get("nodes").size());
    assertEquals("Gemm", e.get("nodes").get(3).get("op").asText());
    assertEquals(1, e.get("operators").get("Relu").get("nodes").asInt());
  }

  @Test
  void givenShapesReplaceTheBatchDefault() throws IOException {
    Path model = TinyModels.convGemm(dir);
    CliRun run = CliRun.of("inspect", model.toString(), "--shape", "x=2,1,4,4");
    assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
    assertTrue(run.out().contains("(estimated at [2, 1, 4, 4])"), run::toString);
    assertTrue(run.out().contains("MACs:        768\n"), run::toString);
    CliRun wrong = CliRun.of("inspect", model.toString(), "--shape", "x=1,3,4,4");
    assertEquals(ExitCodes.UNUSABLE_INPUT, wrong.exitCode(), wrong::toString);
    assertTrue(wrong.err().contains("does not match its declared shape [N, 1, 4, 4]"), wrong::toString);
    CliRun junk = CliRun.of("inspect", model.toString(), "--shape", "x=1,a");
    assertEquals(ExitCodes.UNUSABLE_INPUT, junk.exitCode(), junk::toString);
  }

  @Test
  void notAnOnnxModelIsOneLineAndExitTwo() throws IOException {
    Path junk = dir.resolve("junk.onnx");
    Files.write(junk, new byte[] {8, (byte) 0xff, (byte) 0xff, 1, 2, 3});
    CliRun run = CliRun.of("inspect", junk.toString());
    assertEquals(ExitCodes.UNUSABLE_INPUT, run.exitCode(), run::toString);
    VerifyCommandTest.assertOneLineError(run);
    assertTrue(run.err().contains(junk.toString()) && run.err().contains("ONNX"), run::toString);
    System.out.println(run.err());
  }

  @Test
  void missingModelAndBadBitsExitTwo() throws IOException {
    CliRun missing = CliRun.of("inspect", dir.resolve("absent.onnx").toString());
    assertEquals(ExitCodes.UNUSABLE_INPUT, missing.exitCode(), missing::toString);
    assertEquals("zkinfer: error: file not found: " + dir.resolve("absent.onnx"), missing.err().strip());
    CliRun bits = CliRun.of("inspect", TinyModels.convGemm(dir).toString(), "--bits", "12");
    assertEquals(ExitCodes.UNUSABLE_INPUT, bits.exitCode(), bits::toString);
    assertTrue(bits.err().contains("--bits must be 8 or 16"), bits::toString);
  }
}
