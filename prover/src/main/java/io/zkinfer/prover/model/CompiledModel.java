package io.zkinfer.prover.model;

import io.zkinfer.circuits.compile.CompiledRun;
import io.zkinfer.circuits.compile.ModelCompiler;
import io.zkinfer.circuits.r1cs.CheckResult;
import io.zkinfer.circuits.r1cs.R1cs;
import io.zkinfer.circuits.r1cs.Witness;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.quant.IntegerExecutor;
import io.zkinfer.inference.quant.QuantOptions;
import io.zkinfer.inference.quant.QuantizedModel;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model directory loaded for computing witnesses, what {@code zkinfer prove} and {@code zkinfer mock} share: the
 * quantized model, its {@link CircuitSettings}, the {@link ModelCompiler} at the recorded visibility, and the
 * constraint system of {@code circuit.r1cs}. Loading checks those files against the manifest and the compiler's
 * public layout against the recorded one.
 */
public final class CompiledModel {

    private final ModelDirectory dir;
    private final Manifest manifest;
    private final QuantizedModel model;
    private final CircuitSettings settings;
    private final ModelCompiler compiler;
    private final R1cs r1cs;

    private CompiledModel(ModelDirectory dir, Manifest manifest, QuantizedModel model, CircuitSettings settings,
                          ModelCompiler compiler, R1cs r1cs) {
        this.dir = dir;
        this.manifest = manifest;
        this.model = model;
        this.settings = settings;
        this.compiler = compiler;
        this.r1cs = r1cs;
    }

    /** Loads {@code dir}; errors name the missing, changed or inconsistent file and the command that remakes it. */
    public static CompiledModel load(ModelDirectory dir) throws IOException {
        Manifest manifest = dir.manifest();
        dir.requireDigests(manifest, ModelDirectory.COMPILED_FILES);
        QuantizedModel model = dir.model();
        CircuitSettings settings = dir.circuitSettings();
        ModelCompiler compiler = new ModelCompiler(model, settings.visibilityOptions());
        if (!compiler.publicLayout().equals(settings.layout())) {
            throw new ModelDirectoryException(dir.file(ModelDirectory.CIRCUIT) + " records the public layout "
                    + settings.layout().entries() + " but this zkinfer compiles the model to "
                    + compiler.publicLayout().entries() + "; compile the model again with this zkinfer");
        }
        R1cs r1cs = dir.r1cs();
        return new CompiledModel(dir, manifest, model, settings, compiler, r1cs);
    }

    public ModelDirectory directory() {
        return dir;
    }

    public Manifest manifest() {
        return manifest;
    }

    public QuantizedModel model() {
        return model;
    }

    public CircuitSettings settings() {
        return settings;
    }

    public R1cs r1cs() {
        return r1cs;
    }

    /**
     * Float inputs quantized at the inputs' scales, {@code clamp(floor(x · 2^s + 0.5))} to the activation range, as
     * the integer executor does at the model boundary.
     */
    public Map<String, Tensor> quantizeInputs(Map<String, Tensor> floatInputs) {
        QuantOptions opt = model.settings().options();
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (CircuitSettings.TensorSpec in : settings.inputs()) {
            Tensor x = floatInputs.get(in.name());
            if (x == null) {
                throw new IllegalArgumentException("missing input '" + in.name() + "'; the model takes "
                        + settings.inputs().stream().map(CircuitSettings.TensorSpec::name).toList());
            }
            out.put(in.name(), IntegerExecutor.quantize(x, in.scaleBits(), opt.activationMin(), opt.activationMax()));
        }
        return out;
    }

    /** The witness and integer outputs for INT64 inputs keyed by graph input name. */
    public CompiledRun run(Map<String, Tensor> integerInputs) {
        return compiler.run(integerInputs);
    }

    /**
     * Checks {@code witness} against {@code circuit.r1cs}. A failure is named after the layer (scope) of the first
     * failing constraint and its wires, by rebuilding the circuit with its scopes (for {@code integerInputs}, or for
     * all-zero inputs when null: the circuit's shape does not depend on the values).
     */
    public CheckResult check(Witness witness, Map<String, Tensor> integerInputs) {
        CheckResult plain = r1cs.check(witness);
        if (plain.isSatisfied() || plain.failingConstraint() < 0) {
            return plain;
        }
        CheckResult named = (integerInputs == null ? compiler.compile() : compiler.compile(integerInputs))
                .check(witness);
        return named.failingConstraint() == plain.failingConstraint() ? named : plain;
    }

    /** The graph output names, in order. */
    List<String> outputNames() {
        return settings.outputs().stream().map(CircuitSettings.TensorSpec::name).toList();
    }
}
