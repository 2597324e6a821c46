package io.zkinfer.benchmarks;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.circuits.builder.Circuit;
import io.zkinfer.circuits.compile.CompiledRun;
import io.zkinfer.circuits.compile.ModelCompiler;
import io.zkinfer.circuits.compile.VisibilityOptions;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.quant.QuantizedModel;
import io.zkinfer.prover.Groth16Prover;
import io.zkinfer.prover.Groth16Setup;
import io.zkinfer.prover.ProvingKey;
import io.zkinfer.verifier.Groth16Verifier;
import io.zkinfer.verifier.Proof;
import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

/**
 * One benchmark model made ready to prove, as {@code zkinfer compile} and {@code zkinfer setup} leave it: quantized,
 * compiled with the default visibility (input and output public, weights fixed), a single-party Groth16 key, and
 * the integer input. {@link #prove()} is what a warm prover does per request: witness generation
 * ({@link ModelCompiler#run}) and the proof.
 */
final class ProvingFixture {

  final BenchmarkModel model;
  final ModelCompiler compiler;
  final int constraints;
  final ProvingKey key;
  final Map<String, Tensor> integerInput;
  private final SecureRandom random = new SecureRandom();

  private ProvingFixture(BenchmarkModel model, ModelCompiler compiler, int constraints, ProvingKey key,
      Map<String, Tensor> integerInput) {
    this.model = model;
    this.compiler = compiler;
    this.constraints = constraints;
    this.key = key;
    this.integerInput = integerInput;
  }

  /** Quantizes, compiles and sets up {@code model}, and checks that a proof of its input verifies. */
  static ProvingFixture of(BenchmarkModel model) throws IOException {
    Graph g = model.graph();
    QuantizedModel q = model.quantize(g);
    ModelCompiler compiler = new ModelCompiler(q, VisibilityOptions.DEFAULT);
    Circuit circuit = compiler.compile();
    ProvingKey key = Groth16Setup.generate(circuit.r1cs(), new SecureRandom());
    ProvingFixture f = new ProvingFixture(model, compiler, circuit.numConstraints(), key,
        BenchmarkModel.integerInput(q, model.input(g)));
    ProvedRun run = f.prove();
    if (!Groth16Verifier.verify(key.verifyingKey(), run.publicSignals(), run.proof())) {
      throw new IllegalStateException(model.id() + ": the benchmark proof does not verify");
    }
    System.out.println("# " + model.id() + ": " + f.constraints + " constraints, domain 2^"
        + Integer.numberOfTrailingZeros(key.domainSize()) + ", " + run.publicSignals().size() + " public signals");
    return f;
  }

  /** A proof and the public signals it is for. */
  record ProvedRun(Proof proof, List<BigInteger> publicSignals) {
  }

  /** Witness generation and the proof. */
  ProvedRun prove() {
    CompiledRun run = compiler.run(integerInput);
    Proof proof = Groth16Prover.prove(key, run.witness(), random);
    return new ProvedRun(proof, run.publicSignals().stream().map(Fr::toBigInteger).toList());
  }
}
