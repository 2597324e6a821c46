package io.zkinfer.cli;

import io.zkinfer.prover.model.LayerCosts;
import java.io.PrintWriter;
import java.util.Locale;

/** {@code zkinfer compile --stats}: a compiled model's {@link LayerCosts} as two text tables. */
final class StatsTable {
  private StatsTable() {}

  static void print(PrintWriter o, LayerCosts costs) {
    int width = Math.max(24, costs.layers().stream().mapToInt(l -> l.scope().length()).max().orElse(0));
    int opWidth = Math.max(16, costs.operators().stream().mapToInt(p -> p.op().length()).max().orElse(0));
    o.println();
    o.println("constraints per layer:");
    o.println(String.format(Locale.ROOT, "  %-" + width + "s  %-" + opWidth + "s %13s %13s %7s", "layer", "op",
        "constraints", "wires", "share"));
    for (LayerCosts.Layer l : costs.layers()) {
      o.println(String.format(Locale.ROOT, "  %-" + width + "s  %-" + opWidth + "s %,13d %,13d %6.1f%%", l.scope(),
          l.op(), l.constraints(), l.wires(), share(l.constraints(), costs.total())));
    }
    o.println(String.format(Locale.ROOT, "  %-" + width + "s  %-" + opWidth + "s %,13d", "total", "",
        costs.total()));
    o.println();
    o.println("constraints per operator:");
    o.println(String.format(Locale.ROOT, "  %-" + opWidth + "s %7s %13s %7s", "op", "layers", "constraints",
        "share"));
    for (LayerCosts.Operator p : costs.operators()) {
      o.println(String.format(Locale.ROOT, "  %-" + opWidth + "s %7d %,13d %6.1f%%", p.op(), p.layers(),
          p.constraints(), share(p.constraints(), costs.total())));
    }
    o.println();
  }

  private static double share(long part, long total) {
    return total == 0 ? 0 : 100.0 * part / total;
  }
}
