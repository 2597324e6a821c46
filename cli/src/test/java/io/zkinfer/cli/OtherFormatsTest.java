package io.zkinfer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TorchScript archives and TensorFlow SavedModel directories: {@code inspect} names the format and reports the
 * validation, {@code run} and {@code quantize} refuse them saying how to convert, and an archive whose pickle
 * references {@code posix.system} is refused naming that global.
 */
class OtherFormatsTest {
  @TempDir Path dir;

  /** A torch.jit.save layout: one root folder, version, data.pkl, constants.pkl, TorchScript source. */
  private Path archive(String name, byte[] dataPkl) throws IOException {
    Map<String, byte[]> entries = Map.of(
        "m/version", "3\n".getBytes(StandardCharsets.UTF_8),
        "m/data.pkl", dataPkl,
        "m/constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'},
        "m/code/__torch__/m.py", "class M(Module):\n  pass\n".getBytes(StandardCharsets.UTF_8));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (var e : new java.util.TreeMap<>(entries).entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
    return Files.write(dir.resolve(name), bytes.toByteArray());
  }

  private Path safeArchive() throws IOException {
    return archive("module.pt", new byte[] {(byte) 0x80, 2, '}', 'q', 0, '.'}); // an empty dict
  }

  /** Protobuf wire format: a length-delimited field. */
  private static byte[] field(int number, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(number << 3 | 2);
    out.write(value.length); // all values here are shorter than 128 bytes
    out.writeBytes(value);
    return out.toByteArray();
  }

  private static byte[] field(int number, String value) {
    return field(number, value.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** A SavedModel with schema version 1 and one meta graph tagged "serve" holding a Placeholder. */
  private Path savedModel() throws IOException {
    byte[] metaInfo = concat(field(4, "serve"), field(5, "2.15.0"));
    byte[] graph = field(1, concat(field(1, "x"), field(2, "Placeholder")));
    byte[] meta = concat(field(1, metaInfo), field(2, graph));
    Path d = Files.createDirectories(dir.resolve("saved"));
    Files.write(d.resolve("saved_model.pb"), concat(new byte[] {8, 1}, field(2, meta)));
    return d;
  }

  @Test
  void inspectNamesAValidatedTorchScriptArchive() throws IOException {
    Path pt = safeArchive();
    CliRun run = CliRun.of("inspect", pt.toString());
    System.out.println(run.out());
    assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
    assertTrue(run.out().contains("(TorchScript archive)"), run::toString);
    assertTrue(run.out().contains("validation:  passed"), run::toString);
    assertTrue(run.out().contains("torch.onnx.export"), run::toString);
    JsonNode j = new ObjectMapper().readTree(CliRun.of("inspect", pt.toString(), "--json").out());
    assertEquals("torchscript", j.get("format").asText());
    assertTrue(j.get("validated").asBoolean());
  }

  @Test
  void runAndQuantizeRefuseTorchScriptSayingHowToConvert() throws IOException {
    Path pt = safeArchive();
    Path in = Files.writeString(dir.resolve("in.json"), "{}");
    CliRun run = CliRun.of("run", pt.toString(), "--input", in.toString());
    assertEquals(ExitCodes.UNUSABLE_INPUT, run.exitCode(), run::toString);
    VerifyCommandTest.assertOneLineError(run);
    assertTrue(run.err().contains("TorchScript archive") && run.err().contains("ONNX models only"), run::toString);
    CliRun q = CliRun.of("quantize", pt.toString(), "--out", dir.resolve("q").toString());
    assertEquals(ExitCodes.UNUSABLE_INPUT, q.exitCode(), q::toString);
    assertTrue(q.err().contains("torch.onnx.export"), q::toString);
  }

  @Test
  void anArchiveThatWouldRunCodeIsRefusedNamingTheGlobal() throws IOException {
    // GLOBAL posix.system, then ("id",) REDUCE: os.system("id") on unpickling.
    byte[] pickle = concat(new byte[] {(byte) 0x80, 2, 'c'}, "posix\nsystem\n".getBytes(StandardCharsets.US_ASCII),
        new byte[] {'X', 2, 0, 0, 0, 'i', 'd', (byte) 0x85, 'R', '.'});
    Path evil = archive("evil.pt", pickle);
    for (String command : new String[] {"inspect", "quantize"}) {
      CliRun run = command.equals("inspect") ? CliRun.of("inspect", evil.toString())
          : CliRun.of("quantize", evil.toString(), "--out", dir.resolve("q").toString());
      assertEquals(ExitCodes.UNUSABLE_INPUT, run.exitCode(), run::toString);
      VerifyCommandTest.assertOneLineError(run);
      assertTrue(run.err().contains("posix.system"), run::toString);
      System.out.println(run.err());
    }
  }

  @Test
  void savedModelIsValidatedAndConversionAdvised() throws IOException {
    Path saved = savedModel();
    CliRun run = CliRun.of("inspect", saved.toString());
    System.out.println(run.out() + run.err());
    assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
    assertTrue(run.out().contains("(TensorFlow SavedModel)") && run.out().contains("tf2onnx"), run::toString);
    CliRun q = CliRun.of("quantize", saved.toString(), "--out", dir.resolve("q").toString());
    assertEquals(ExitCodes.UNUSABLE_INPUT, q.exitCode(), q::toString);
    assertTrue(q.err().contains("tf2onnx"), q::toString);
    Files.write(saved.resolve("saved_model.pb"), new byte[] {8, 1});
    CliRun broken = CliRun.of("inspect", saved.toString());
    assertEquals(ExitCodes.UNUSABLE_INPUT, broken.exitCode(), broken::toString);
    VerifyCommandTest.assertOneLineError(broken);
    assertTrue(broken.err().contains("SavedModel"), broken::toString);
  }

  @Test
  void aRawPickleIsRefusedAsOne() throws IOException {
    Path pkl = Files.write(dir.resolve("weights.pth"), new byte[] {(byte) 0x80, 2, '}', 'q', 0, '.'});
    CliRun run = CliRun.of("inspect", pkl.toString());
    assertEquals(ExitCodes.UNUSABLE_INPUT, run.exitCode(), run::toString);
    VerifyCommandTest.assertOneLineError(run);
    assertTrue(run.err().contains("raw Python pickle"), run::toString);
  }
}
