package io.zkinfer.prover.model;

import io.zkinfer.circuits.format.WtnsFile;
import io.zkinfer.verifier.SnarkjsFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files of one proven inference, what {@code zkinfer prove DIR --input FILE --out PROOFDIR} writes and
 * {@code zkinfer verify DIR PROOFDIR} reads: {@code output.json} ({@link InferenceOutput}), {@code proof.json} and
 * {@code public.json} (snarkjs JSON, so {@code snarkjs groth16 verify DIR/verification_key.json public.json
 * proof.json} checks the same proof), and with {@code --witness} the witness as {@code witness.wtns}.
 */
public final class ProofDirectory {

    public static final String OUTPUT = "output.json";
    public static final String PROOF = "proof.json";
    public static final String PUBLIC = "public.json";
    public static final String WITNESS = "witness.wtns";

    private ProofDirectory() {
    }

    /** Writes {@code result} into {@code dir} (created if missing); the witness too when {@code withWitness}. */
    public static void write(Path dir, ProveStep.Result result, boolean withWitness) throws IOException {
        Files.createDirectories(dir);
        result.output().write(dir.resolve(OUTPUT));
        SnarkjsFiles.writeProof(dir.resolve(PROOF), result.proof());
        SnarkjsFiles.writePublicSignals(dir.resolve(PUBLIC), result.publicSignals());
        if (withWitness) {
            WtnsFile.write(result.witness(), dir.resolve(WITNESS));
        } else {
            Files.deleteIfExists(dir.resolve(WITNESS)); // a witness of an earlier proof would not match
        }
    }

    /** {@code dir/name}, which must exist; otherwise the error names it and the command that makes it. */
    static Path require(Path dir, String name) throws IOException {
        Path p = dir.resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new ModelDirectoryException((Files.isDirectory(dir) ? dir + " has no " + name
                    : dir + " is not a directory") + "; make it with 'zkinfer prove DIR --input FILE --out "
                    + dir + "'");
        }
        return p;
    }
}
