package io.zkinfer.cli;

import io.zkinfer.circuits.compile.VisibilityOptions;
import io.zkinfer.circuits.report.ConstraintReport;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.quant.QuantizedModel;
import io.zkinfer.prover.model.CompileStep;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@link ConstraintReport} of a compiled model, for {@code zkinfer compile --stats} (its text) and
 * {@code --report FILE.html} (its page): each layer's operator is its node's (scope names are node names with
 * {@code /} replaced by {@code _}), and the facts are the model, its quantization and visibility, and the
 * circuit's counts.
 */
final class CompileReport {
  private CompileReport() {}

  static ConstraintReport of(Path model, QuantizedModel q, VisibilityOptions visibility, CompileStep.Result r) {
    Map<String, String> opTypes = new HashMap<>();
    for (Node n : q.graph().nodes()) {
      opTypes.put(n.name().replace('/', '_'), n.opType());
    }
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("model", model.toString());
    facts.put("quantization", "int" + q.settings().options().activationBits() + ", " + q.graph().nodes().size()
        + " integer nodes");
    facts.put("visibility", visibility.toString());
    facts.put("constraints", String.format(Locale.ROOT, "%,d", r.settings().counts().constraints()));
    facts.put("wires", String.format(Locale.ROOT, "%,d", r.settings().counts().wires()));
    facts.put("public signals", r.settings().layout().size() + " (" + r.settings().describeLayout() + ")");
    Path name = model.toAbsolutePath().normalize().getFileName();
    return ConstraintReport.of(r.circuit(), name == null ? model.toString() : name.toString(), facts, opTypes);
  }
}
