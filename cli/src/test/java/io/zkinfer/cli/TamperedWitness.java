package io.zkinfer.cli;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.circuits.builder.Circuit;
import io.zkinfer.circuits.compile.ModelCompiler;
import io.zkinfer.circuits.format.WtnsFile;
import io.zkinfer.circuits.r1cs.Witness;
import io.zkinfer.inference.quant.QuantizedModel;
import io.zkinfer.prover.model.CircuitSettings;
import java.io.IOException;
import java.nio.file.Path;

/** Test support: a witness file with one wire of a given layer changed, as a cheating prover would. */
final class TamperedWitness {
  private TamperedWitness() {}

  /**
   * Writes {@code to}: the witness {@code from} with its first wire made in a scope starting with {@code layer}
   * increased by 2; returns that scope's path.
   */
  static String write(Path dir, Path from, String layer, Path to) throws IOException {
    QuantizedModel model = QuantizedModel.read(dir);
    CircuitSettings settings = CircuitSettings.read(dir.resolve("circuit.json"));
    Circuit circuit = new ModelCompiler(model, settings.visibilityOptions()).compile();
    Fr[] values = WtnsFile.read(from).values();
    for (int w = circuit.r1cs().numPublic() + 1; w < values.length; w++) {
      String name = circuit.wireName(w);
      if (name.startsWith(layer) && name.indexOf('.') > 0) {
        values[w] = values[w].add(Fr.of(2));
        WtnsFile.write(Witness.of(values), to);
        return name.substring(0, name.indexOf('.'));
      }
    }
    throw new AssertionError("no wire of a scope starting with '" + layer + "'");
  }
}
