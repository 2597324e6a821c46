package io.zkinfer.prover.model;

import io.zkinfer.algebra.progress.Progress;
import io.zkinfer.circuits.r1cs.R1cs;
import io.zkinfer.prover.Groth16Setup;
import io.zkinfer.prover.ProvingKey;
import io.zkinfer.prover.PtauFile;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

/**
 * {@code zkinfer setup}: the Groth16 keys of a compiled model directory. Checks that the circuit files still match
 * the manifest, runs {@link Groth16Setup} (toxic waste from {@link SecureRandom}, discarded; or the circuit phase
 * over a prepared {@code .ptau}), writes {@code proving.key} and {@code verification_key.json}, and records their
 * digests and the model id in the manifest.
 */
public final class SetupStep {

    /** The key written, the updated manifest, the circuit's size and the time the setup itself took. */
    public record Result(ProvingKey key, Manifest manifest, int constraints, long setupMillis) {
    }

    private SetupStep() {
    }

    /** Sets up the model directory {@code dir}; {@code ptau} may be null (fresh toxic waste). */
    public static Result run(ModelDirectory dir, Path ptau, SecureRandom random) throws IOException {
        return run(dir, ptau, random, Progress.NONE);
    }

    /** {@link #run(ModelDirectory, Path, SecureRandom)}, reporting the key generation's phases to {@code progress}. */
    public static Result run(ModelDirectory dir, Path ptau, SecureRandom random, Progress progress)
            throws IOException {
        Manifest manifest = dir.manifest();
        dir.requireDigests(manifest, List.of(ModelDirectory.CIRCUIT, ModelDirectory.R1CS));
        R1cs r1cs = dir.r1cs();
        CircuitSettings settings = dir.circuitSettings();
        if (settings.layout().size() != r1cs.numPublic()) {
            throw new ModelDirectoryException(dir.file(ModelDirectory.CIRCUIT) + " lists " + settings.layout().size()
                    + " public signals but " + ModelDirectory.R1CS + " has " + r1cs.numPublic()
                    + "; compile the model again");
        }
        long t0 = System.nanoTime();
        ProvingKey key = ptau == null
                ? Groth16Setup.generate(r1cs, random, progress)
                : Groth16Setup.generate(r1cs, PtauFile.read(ptau), random, progress);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Manifest updated = dir.writeKeys(manifest, key);
        return new Result(key, updated, r1cs.numConstraints(), ms);
    }
}
