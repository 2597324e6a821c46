package io.zkinfer.prover;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.circuits.r1cs.Constraint;
import io.zkinfer.circuits.r1cs.LinearCombination;
import io.zkinfer.circuits.r1cs.R1cs;

/**
 * The QAP shape of an R1CS as snarkjs lays it out ({@code zkey_new.js}): constraint j sits at ωʲ, then one
 * extra A-only row {@code nConstraints + i} with coefficient 1 on wire i for every i = 0..nPublic (this binds
 * the public signals and makes the IC points linearly independent), and the domain is the smallest power of
 * two n with n > nConstraints + nPublic.
 *
 * @param power       log2 of the domain size
 * @param coefficients A, B and C entries (matrix 0, 1, 2), in constraint order, then the extra A rows
 */
record CircuitQap(int nVars, int nPublic, int nConstraints, int power, QapCoefficients coefficients) {

    /** log2 of the smallest power of two above {@code nConstraints + nPublic} (at least 1). */
    static int domainPower(long nConstraints, long nPublic) {
        long needed = nConstraints + nPublic + 1;
        int p = 1;
        while ((1L << p) < needed) {
            p++;
        }
        return p;
    }

    static CircuitQap of(R1cs r1cs) {
        int nPublic = r1cs.numPublic();
        int nConstraints = r1cs.numConstraints();
        int power = domainPower(nConstraints, nPublic);
        if (power > ProvingKey.MAX_POWER) {
            throw new IllegalArgumentException("the circuit has " + nConstraints + " constraints and " + nPublic
                    + " public signals, which needs a domain of 2^" + power + "; at most 2^" + ProvingKey.MAX_POWER
                    + " is supported");
        }
        QapCoefficients.Builder b = new QapCoefficients.Builder();
        for (int j = 0; j < nConstraints; j++) {
            Constraint con = r1cs.constraint(j);
            add(b, QapCoefficients.A, j, con.a());
            add(b, QapCoefficients.B, j, con.b());
            add(b, QapCoefficients.C, j, con.c());
        }
        for (int i = 0; i <= nPublic; i++) {
            b.add(QapCoefficients.A, nConstraints + i, i, Fr.ONE);
        }
        return new CircuitQap(r1cs.numWires(), nPublic, nConstraints, power, b.build());
    }

    private static void add(QapCoefficients.Builder b, int matrix, int row, LinearCombination lc) {
        for (int t = 0; t < lc.size(); t++) {
            Fr coef = lc.coefficient(t);
            if (!coef.isZero()) {
                b.add(matrix, row, lc.wire(t), coef);
            }
        }
    }

    int domainSize() {
        return 1 << power;
    }
}
