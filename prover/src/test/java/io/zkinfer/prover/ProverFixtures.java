package io.zkinfer.prover;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.circuits.format.R1csFile;
import io.zkinfer.circuits.format.WtnsFile;
import io.zkinfer.circuits.r1cs.Constraint;
import io.zkinfer.circuits.r1cs.LinearCombination;
import io.zkinfer.circuits.r1cs.R1cs;
import io.zkinfer.circuits.r1cs.Witness;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** Circuits, witnesses and files shared by the prover tests. */
final class ProverFixtures {

    private ProverFixtures() {
    }

    /** A test resource under {@code snarkjs/} as a file path. */
    static Path resource(String name) {
        URL url = ProverFixtures.class.getResource("/snarkjs/" + name);
        if (url == null) {
            throw new IllegalStateException("missing test resource snarkjs/" + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static R1cs cubicR1cs() throws IOException {
        return R1csFile.read(resource("cubic.r1cs"));
    }

    static Witness cubicWitness() throws IOException {
        return WtnsFile.read(resource("cubic.wtns"));
    }

    /**
     * A deterministic SecureRandom for reproducible tests (never for production keys); prints its seed.
     */
    static SecureRandom seeded(long seed) {
        System.out.println("test randomness seed: " + seed);
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A chain circuit with m ≥ 2 multiplications: wire 1 = out (public output), 2 = k (public input),
     * 3 = x (private), 4.. = tᵢ: t₀ = x·x, tᵢ = (tᵢ₋₁ + 3k − 1)·x, out = t_{m−1}·1. Coefficients 1, −1, 3.
     */
    static R1cs chain(int m) {
        int t0 = 4;
        List<Constraint> cs = new ArrayList<>();
        cs.add(new Constraint(term(3, Fr.ONE), term(3, Fr.ONE), term(t0, Fr.ONE)));
        for (int i = 1; i < m; i++) {
            LinearCombination a = LinearCombination.of(new int[] {0, 2, t0 + i - 1},
                    new Fr[] {Fr.ONE.neg(), Fr.of(3), Fr.ONE});
            cs.add(new Constraint(a, term(3, Fr.ONE), term(t0 + i, Fr.ONE)));
        }
        cs.add(new Constraint(term(t0 + m - 1, Fr.ONE), term(0, Fr.ONE), term(1, Fr.ONE)));
        return R1cs.of(t0 + m, 1, 1, 1, cs);
    }

    static Witness chainWitness(int m, long x, long k) {
        Fr fx = Fr.of(x), fk = Fr.of(k);
        Fr[] w = new Fr[4 + m];
        w[0] = Fr.ONE;
        w[2] = fk;
        w[3] = fx;
        w[4] = fx.mul(fx);
        for (int i = 1; i < m; i++) {
            w[4 + i] = w[4 + i - 1].add(fk.mul(Fr.of(3))).sub(Fr.ONE).mul(fx);
        }
        w[1] = w[4 + m - 1];
        return Witness.of(w);
    }

    static List<Fr> publicSignals(Witness w, int nPublic) {
        return w.publicSignals(nPublic);
    }

    private static LinearCombination term(int wire, Fr c) {
        return LinearCombination.term(wire, c);
    }
}
