package io.zkinfer.prover.model;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.hash.PoseidonTree;
import io.zkinfer.circuits.builder.SignedEncoding;
import io.zkinfer.circuits.compile.PublicLayout;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.verifier.Groth16Verifier;
import io.zkinfer.verifier.Proof;
import io.zkinfer.verifier.PublicInputs;
import io.zkinfer.verifier.SnarkjsFiles;
import io.zkinfer.verifier.VerifyingKey;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code zkinfer verify DIR PROOFDIR}: whether a proven inference holds for the model directory. In order: the
 * verifying key and {@code circuit.json} must match the manifest's digests (a changed key is refused, naming it);
 * {@code public.json} must have the layout's number of signals; {@code output.json} must name this model's id and
 * agree with {@code public.json} (each public output value, or the {@link PoseidonTree} commitment of the integer
 * outputs; its floats must be the integers dequantized; its input and weights commitments must be the public
 * ones, and the weights commitment the manifest's); finally the Groth16 equation must hold.
 *
 * <p>A well-formed but wrong proof directory gives {@link Result#invalid} with the reason; files that are missing
 * or malformed, or a public signal that is not a field element, throw (unusable input).
 */
public final class VerifyStep {

    /** The verdict and, for an invalid proof, the first reason found. */
    public record Result(boolean valid, String reason) {
        static Result valid(String what) {
            return new Result(true, what);
        }

        static Result invalid(String why) {
            return new Result(false, why);
        }
    }

    private VerifyStep() {
    }

    /** Verifies the proof in {@code proofDir} against the model directory {@code dir}. */
    public static Result run(ModelDirectory dir, Path proofDir) throws IOException {
        Manifest manifest = dir.manifest();
        dir.require(ModelDirectory.CIRCUIT);
        dir.require(ModelDirectory.VERIFICATION_KEY);
        for (String name : List.of(ModelDirectory.VERIFICATION_KEY, ModelDirectory.CIRCUIT)) {
            Optional<String> why = dir.digestMismatch(manifest, name);
            if (why.isPresent()) {
                return Result.invalid(dir + ": " + why.get() + "; a verifying key that is not the model's own"
                        + " proves nothing about the model");
            }
        }
        CircuitSettings settings = dir.circuitSettings();
        VerifyingKey vk = dir.verifyingKey();
        Proof proof = SnarkjsFiles.readProof(ProofDirectory.require(proofDir, ProofDirectory.PROOF));
        Path publicFile = ProofDirectory.require(proofDir, ProofDirectory.PUBLIC);
        List<BigInteger> signals = SnarkjsFiles.readPublicSignals(publicFile);
        Path outputFile = ProofDirectory.require(proofDir, ProofDirectory.OUTPUT);
        InferenceOutput output = InferenceOutput.read(outputFile, settings);
        PublicLayout layout = settings.layout();
        if (vk.nPublic() != layout.size()) {
            return Result.invalid(dir.file(ModelDirectory.VERIFICATION_KEY) + " takes " + vk.nPublic()
                    + " public signals but circuit.json's layout has " + layout.size());
        }
        if (signals.size() != layout.size()) {
            return Result.invalid(publicFile + " has " + signals.size() + " public signals but the circuit of " + dir
                    + " has " + layout.size() + " (" + settings.describeLayout() + "): the proof is not for this"
                    + " model");
        }
        List<Fr> frs = PublicInputs.fromBigIntegers(signals, layout.size());
        if (!String.valueOf(manifest.modelId()).equals(output.modelId())) {
            return Result.invalid(outputFile + " is for model " + output.modelId() + " but " + dir + " holds model "
                    + manifest.modelId());
        }
        Optional<String> disagreement = disagreement(settings, manifest, output, frs, outputFile, publicFile);
        if (disagreement.isPresent()) {
            return Result.invalid(disagreement.get());
        }
        if (!Groth16Verifier.verify(vk.prepare(), frs, proof)) {
            return Result.invalid("the proof does not verify with " + publicFile + " and the verifying key of " + dir);
        }
        return Result.valid("proof of model " + manifest.modelId() + " (" + settings.describeLayout() + ")");
    }

    private static Optional<String> disagreement(CircuitSettings settings, Manifest manifest, InferenceOutput out,
                                                 List<Fr> signals, Path outputFile, Path publicFile) {
        int at = 0;
        for (PublicLayout.Entry e : settings.layout().entries()) {
            Fr signal = signals.get(at);
            Optional<String> why = switch (e.kind()) {
                case OUTPUT_VALUES -> outputValues(e.name(), out.integerOutputs().get(e.name()), signals, at,
                        outputFile, publicFile);
                case OUTPUT_COMMITMENT -> commitment("outputs", outputCommitment(settings, out), signal,
                        outputFile + "'s integer outputs", publicFile)
                        .or(() -> recorded(out, "outputs", signal, outputFile));
                case INPUT_COMMITMENT -> recorded(out, "inputs", signal, outputFile);
                case WEIGHTS_COMMITMENT -> manifest.weightsCommitment() == null
                        ? Optional.of(ModelDirectory.MANIFEST + " records no weights commitment to compare the"
                                + " public one with; compile the model again")
                        : commitment("weights", Fr.fromDecimal(manifest.weightsCommitment()), signal, "the manifest",
                                publicFile).or(() -> recorded(out, "weights", signal, outputFile));
                case INPUT_VALUES -> Optional.empty();
            };
            if (why.isPresent()) {
                return why;
            }
            at += e.count();
        }
        for (CircuitSettings.TensorSpec o : settings.outputs()) {
            Integer scale = out.scaleBits().get(o.name());
            if (scale == null || scale != o.scaleBits()) {
                return Optional.of(outputFile + ": output '" + o.name() + "' has scaleBits " + scale + " but the"
                        + " circuit's is " + o.scaleBits());
            }
            long[] q = out.integerOutputs().get(o.name()).longs();
            float[] f = out.outputs().get(o.name()).floats();
            for (int i = 0; i < q.length; i++) {
                float expected = (float) Math.scalb((double) q[i], -o.scaleBits());
                if (Float.compare(f[i], expected) != 0) {
                    return Optional.of(outputFile + ": output '" + o.name() + "' element " + i + " is " + f[i]
                            + " but its integer " + q[i] + " · 2^-" + o.scaleBits() + " is " + expected);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> outputValues(String name, Tensor ints, List<Fr> signals, int at, Path outputFile,
                                                 Path publicFile) {
        long[] q = ints.longs();
        for (int i = 0; i < q.length; i++) {
            Fr s = signals.get(at + i);
            if (!SignedEncoding.encode(q[i]).equals(s)) {
                return Optional.of(outputFile + ": output '" + name + "' element " + i + " is " + q[i] + " but public"
                        + " signal " + (at + i + 1) + " of " + publicFile + " is " + SignedEncoding.decode(s));
            }
        }
        return Optional.empty();
    }

    private static Fr outputCommitment(CircuitSettings settings, InferenceOutput out) {
        long[] all = settings.outputs().stream().flatMapToLong(o -> Arrays.stream(out.integerOutputs()
                .get(o.name()).longs())).toArray();
        return PoseidonTree.commitIntegers(all);
    }

    private static Optional<String> commitment(String what, Fr expected, Fr signal, String from, Path publicFile) {
        return expected.equals(signal) ? Optional.empty() : Optional.of("the " + what + " commitment of " + from
                + " is " + expected.toDecimal() + " but " + publicFile + " has " + signal.toDecimal());
    }

    private static Optional<String> recorded(InferenceOutput out, String what, Fr signal, Path outputFile) {
        String c = out.commitments().get(what);
        if (c == null) {
            return Optional.of(outputFile + " records no " + what + " commitment, which the circuit makes public");
        }
        return c.equals(signal.toDecimal()) ? Optional.empty() : Optional.of(outputFile + " records the " + what
                + " commitment " + c + " but the public signal is " + signal.toDecimal());
    }
}
