package io.zkinfer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkinfer.inference.io.TensorJson;
import io.zkinfer.inference.mnist.MnistFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three model commands on the committed MNIST CNN: {@code inspect}, {@code quantize} calibrated on 100 held-out
 * digits and measured on 1000 others with labels (integer top-1 within 0.5 points of float), and {@code run}
 * float and {@code --quantized} on one digit.
 */
class MnistCliTest {
  @TempDir Path dir;

  private Path sampleSet(String name, int from, int to, boolean labels) throws IOException {
    MnistFixtures.Model cnn = MnistFixtures.Model.CNN;
    StringBuilder sb = new StringBuilder("{\"samples\": [");
    for (int i = from; i < to; i++) {
      sb.append(i == from ? "" : ",\n").append(TensorJson.toJson(cnn.feed(i)).strip());
    }
    sb.append("]");
    if (labels) {
      int[] all = MnistFixtures.labels(to);
      sb.append(", \"labels\": ").append(Arrays.stream(all, from, to).mapToObj(Integer::toString)
          .collect(Collectors.joining(", ", "[", "]")));
    }
    Path p = dir.resolve(name);
    Files.writeString(p, sb.append("}").toString());
    return p;
  }

  @Test
  void inspectQuantizeAndRunTheCnn() throws IOException {
    Path model = dir.resolve("cnn.onnx");
    Files.copy(MnistFixtures.Model.CNN.path(), model);
    CliRun inspect = CliRun.of("inspect", model.toString());
    System.out.println(inspect.out());
    assertEquals(ExitCodes.OK, inspect.exitCode(), inspect::toString);
    // conv1 8x1x5x5+8, conv2 16x8x5x5+16, fc 10x256+10; MACs 8*24*24*25 + 16*8*8*200 + 256*10.
    assertTrue(inspect.out().contains("parameters:  5,994\n"), inspect::toString);
    assertTrue(inspect.out().contains("MACs:        322,560\n"), inspect::toString);

    Path out = dir.resolve("q");
    CliRun q = CliRun.of("quantize", model.toString(), "--calibration", sampleSet("cal.json", 0, 100, false)
        .toString(), "--test-set", sampleSet("test.json", 100, 1100, true).toString(), "--out", out.toString());
    System.out.println(q.out());
    assertEquals(ExitCodes.OK, q.exitCode(), q::toString);
    JsonNode report = new ObjectMapper().readTree(out.resolve("accuracy.json").toFile());
    assertEquals(1000, report.get("samples").asInt());
    double floatTop1 = report.get("floatTop1Accuracy").asDouble();
    double intTop1 = report.get("integerTop1Accuracy").asDouble();
    assertTrue(floatTop1 >= 0.975, "float top-1 " + floatTop1);
    assertTrue(Math.abs(floatTop1 - intTop1) <= 0.005, "float " + floatTop1 + " integer " + intTop1);

    Path digit = dir.resolve("digit.json");
    TensorJson.write(MnistFixtures.Model.CNN.feed(7), digit);
    int label = MnistFixtures.labels(8)[7];
    for (List<String> extra : List.of(List.<String>of(), List.of("--quantized", out.toString()))) {
      List<String> args = new java.util.ArrayList<>(List.of("run", model.toString(), "--input", digit.toString()));
      args.addAll(extra);
      CliRun run = CliRun.of(args.toArray(String[]::new));
      System.out.println(run.out());
      assertEquals(ExitCodes.OK, run.exitCode(), run::toString);
      assertTrue(run.out().contains("argmax over the last axis: [" + label + "]"), run::toString);
    }
  }
}
