package io.zkinfer.server.runtime;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.verifier.Proof;
import io.zkinfer.verifier.PublicInputs;
import io.zkinfer.verifier.SnarkjsFiles;
import java.math.BigInteger;
import java.util.List;

/**
 * A proof and its public signals as one string, for a billing {@link io.zkinfer.server.billing.ProofClaim}: the
 * snarkjs {@code proof.json} document, an empty line, then the {@code public.json} document. Decoding checks them as
 * the verifier does (points on the curve, signals below r).
 */
final class ProofEncoding {

    /** An empty line; neither JSON document contains one. */
    private static final String SEPARATOR = "\n\n";

    private ProofEncoding() {
    }

    record Decoded(Proof proof, List<Fr> publicSignals) {
    }

    static String encode(Proof proof, List<Fr> publicSignals) {
        return SnarkjsFiles.proofJson(proof).strip() + SEPARATOR + SnarkjsFiles.publicSignalsJson(publicSignals).strip();
    }

    static Decoded decode(String encoded) {
        int split = encoded.indexOf(SEPARATOR);
        if (split < 0) {
            throw new IllegalArgumentException("not a proof followed by its public signals");
        }
        Proof proof = SnarkjsFiles.parseProof(encoded.substring(0, split), "proof claim");
        List<BigInteger> signals = SnarkjsFiles.parsePublicSignals(encoded.substring(split + SEPARATOR.length()), "proof claim");
        return new Decoded(proof, PublicInputs.fromBigIntegers(signals, signals.size()));
    }
}
