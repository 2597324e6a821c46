package io.zkinfer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkinfer.inference.estimate.NodeEstimate;
import io.zkinfer.inference.estimate.ResourceEstimate;
import io.zkinfer.inference.format.ModelFormat;
import io.zkinfer.inference.format.ValidatedModel;
import io.zkinfer.inference.ir.Dim;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.TensorInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code zkinfer inspect MODEL [--json] [--bits 8|16] [--shape INPUT=D0,D1,...]}: the operators, shapes, parameters, MACs, peak activation
 * memory and estimated R1CS constraints of an ONNX model ({@link ResourceEstimate}); for a TorchScript archive or a
 * TensorFlow SavedModel, its format and what structural validation (and the TorchScript pickle scan) found.
 */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {"Print a model's operators, shapes, parameters, MACs and estimated constraints.",
        "The constraint counts are estimates under the cost model the README documents, not a compiled circuit."})
final class InspectCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL",
      description = "ONNX model file (a TorchScript archive or SavedModel directory is validated and named)")
  Path model;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Option(names = "--bits", paramLabel = "8|16", defaultValue = "8",
      description = "Activation and weight width the constraint estimate assumes (default: ${DEFAULT-VALUE}).")
  int bits;

  @Option(names = "--shape", paramLabel = "INPUT=D0,D1,...",
      description = {"The shape to estimate an input at (repeatable); by default its declared shape with a",
          "dynamic leading (batch) dimension fixed to 1. Needed for other dynamic dimensions."})
  Map<String, String> shapes = new LinkedHashMap<>();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (bits != 8 && bits != 16) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--bits must be 8 or 16, got " + bits);
    }
    ModelFormat format = ModelFile.formatOf(model);
    if (format == ModelFormat.TORCHSCRIPT || format == ModelFormat.SAVED_MODEL) {
      printOther(ModelFile.validateOther(model));
      return ExitCodes.OK;
    }
    ModelFile file = ModelFile.readOnnx(model, "inspect");
    Graph g = file.graph();
    Map<String, long[]> given = parseShapes();
    ResourceEstimate e;
    try {
      e = ResourceEstimate.of(g, bits, bits, given);
    } catch (IllegalArgumentException ex) {
      String hint = g.inputs().stream().anyMatch(i -> !i.shape().isStatic()) && given.isEmpty()
          ? " (give input shapes with --shape NAME=D0,D1,...)" : "";
      throw new UnusableInputException(model + ": " + ex.getMessage() + hint, ex);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(
          toJson(file, e)));
    } else {
      printText(out, file, e);
    }
    out.flush();
    return ExitCodes.OK;
  }

  /** A TorchScript archive or SavedModel: its format and what validation found; no graph to estimate. */
  private void printOther(ValidatedModel m) throws IOException {
    String note = "shapes, parameters, MACs and estimated constraints are computed for ONNX models only; "
        + (m.format() == ModelFormat.TORCHSCRIPT ? "export this model with torch.onnx.export to see them"
        : "convert this model to ONNX (tf2onnx) to see them");
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      ObjectNode root = mapper.createObjectNode();
      root.put("model", model.toString());
      root.put("format", m.format().name().toLowerCase(Locale.ROOT));
      root.put("validated", true);
      root.put("description", m.describe());
      root.put("note", note);
      out.println(mapper.writeValueAsString(root));
    } else {
      out.println("model:       " + model + " (" + m.format().title() + ")");
      out.println("validation:  passed: " + m.describe());
      out.println("note:        " + note);
    }
    out.flush();
  }

  private Map<String, long[]> parseShapes() {
    Map<String, long[]> out = new LinkedHashMap<>();
    for (var s : shapes.entrySet()) {
      try {
        out.put(s.getKey(), Arrays.stream(s.getValue().split(",")).map(String::strip)
            .mapToLong(Long::parseLong).toArray());
      } catch (NumberFormatException ex) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--shape " + s.getKey() + "=" + s.getValue()
            + ": expected comma-separated sizes, e.g. --shape " + s.getKey() + "=1,3,224,224");
      }
    }
    return out;
  }

  private void printText(PrintWriter out, ModelFile file, ResourceEstimate e) {
    Graph g = file.graph();
    out.println("model:       " + model + " (ONNX, opset " + g.opset() + ", " + g.nodes().size() + (g.nodes().size() == 1 ? " node" : " nodes")
        + (g.name().isEmpty() ? "" : ", graph '" + g.name() + "'") + ")");
    for (int i = 0; i < g.inputs().size(); i++) {
      TensorInfo in = g.inputs().get(i);
      out.println("input:       " + describe(in) + (in.shape().isStatic() ? ""
          : "  (estimated at " + e.inputs().get(i).shape() + ")"));
    }
    for (TensorInfo o : g.outputs()) {
      out.println("output:      " + describe(o));
    }
    out.println("parameters:  " + group(e.parameters()));
    out.println("MACs:        " + group(e.macs()));
    out.println("peak activation memory: " + group(e.peakActivationElements()) + " elements = "
        + bytes(e.peakActivationBytesFloat32()) + " at float32, " + bytes(e.peakActivationBytesQuantized())
        + " at int" + bits + " (live after node '" + e.peakAfterNode() + "')");
    out.println("estimated constraints at int" + bits + ": " + group(e.constraints())
        + " (an estimate under the cost model in the README, not a compiled circuit)");
    out.println();
    out.println("operators:");
    out.printf("  %-20s %6s %16s%n", "op", "nodes", "est. constraints");
    e.nodesByOperator().forEach((op, count) ->
        out.printf("  %-20s %6d %16s%n", op, count, group(e.constraintsByOperator().get(op))));
    out.println();
    out.println("nodes:");
    int nameWidth = Math.min(32, Math.max(4, e.nodes().stream().mapToInt(n -> n.name().length()).max().orElse(4)));
    String format = "  %4s  %-" + nameWidth + "s  %-18s  %-20s %12s %14s %16s  %s%n";
    out.printf(format, "#", "name", "op", "output shape", "params", "MACs", "est. constraints", "rule");
    int i = 0;
    for (NodeEstimate n : e.nodes()) {
      out.printf(format, i++, n.name(), n.opType(), n.outputShape(), group(n.parameters()), group(n.macs()),
          group(n.constraints()), n.costRule());
    }
  }

  private ObjectNode toJson(ModelFile file, ResourceEstimate e) {
    ObjectMapper m = new ObjectMapper();
    Graph g = file.graph();
    ObjectNode root = m.createObjectNode();
    root.put("model", model.toString());
    root.put("format", "onnx");
    root.put("opset", g.opset());
    root.put("graph", g.name());
    root.set("inputs", infos(m, g.inputs()));
    root.set("outputs", infos(m, g.outputs()));
    root.set("estimatedInputs", infos(m, e.inputs()));
    ObjectNode est = root.putObject("estimate");
    est.put("activationBits", e.activationBits());
    est.put("weightBits", e.weightBits());
    est.put("parameters", e.parameters());
    est.put("macs", e.macs());
    ObjectNode peak = est.putObject("peakActivation");
    peak.put("elements", e.peakActivationElements());
    peak.put("bytesFloat32", e.peakActivationBytesFloat32());
    peak.put("bytesQuantized", e.peakActivationBytesQuantized());
    peak.put("afterNode", e.peakAfterNode());
    est.put("constraints", e.constraints());
    est.put("constraintsAreEstimates", true);
    ObjectNode ops = est.putObject("operators");
    e.nodesByOperator().forEach((op, count) -> {
      ObjectNode o = ops.putObject(op);
      o.put("nodes", count);
      o.put("constraints", e.constraintsByOperator().get(op));
    });
    ArrayNode nodes = est.putArray("nodes");
    for (NodeEstimate n : e.nodes()) {
      ObjectNode o = nodes.addObject();
      o.put("name", n.name());
      o.put("op", n.opType());
      ArrayNode shape = o.putArray("outputShape");
      n.outputShape().forEach(shape::add);
      o.put("outputElements", n.outputElements());
      o.put("parameters", n.parameters());
      o.put("macs", n.macs());
      o.put("constraints", n.constraints());
      o.put("rule", n.costRule());
    }
    return root;
  }

  private static ArrayNode infos(ObjectMapper m, List<TensorInfo> infos) {
    ArrayNode a = m.createArrayNode();
    for (TensorInfo t : infos) {
      ObjectNode o = a.addObject();
      o.put("name", t.name());
      o.put("type", t.type().toString());
      ArrayNode shape = o.putArray("shape");
      for (Dim d : t.shape().dims()) {
        if (d.isStatic()) {
          shape.add(d.value());
        } else {
          shape.add(d.toString());
        }
      }
    }
    return a;
  }

  static String describe(TensorInfo t) {
    return t.name() + " " + t.type() + " " + t.shape();
  }

  static String group(long v) {
    return String.format(Locale.ROOT, "%,d", v);
  }

  private static String bytes(long b) {
    if (b < 10_000) {
      return b + " B";
    }
    if (b < 10_000_000) {
      return String.format(Locale.ROOT, "%.1f KiB", b / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MiB", b / (1024.0 * 1024.0));
  }
}
