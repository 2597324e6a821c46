package io.zkinfer.prover;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.field.FrArithmetic;
import io.zkinfer.algebra.spi.JavaKernelBackend;
import io.zkinfer.circuits.r1cs.Witness;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The field identity behind the H query: with a(τ) = Σ zᵢuᵢ(τ) etc., the reduction's coset values hⱼ
 * satisfy Σⱼ hⱼ·L^{(2n)}_{2j+1}(τ) = a(τ)·b(τ) − c(τ) (= h(τ)·Z(τ)), for the snarkjs row layout.
 */
class QapConventionTest {

    @Test
    void hScalarsMeetTheOddLagrangePointsInTheQuotientIdentity() {
        int m = 37;
        CircuitQap qap = CircuitQap.of(ProverFixtures.chain(m));
        Witness w = ProverFixtures.chainWitness(m, 6, 2);
        SecureRandom rnd = ProverFixtures.seeded(77);
        Fr tau = Fr.random(rnd);
        Fr[] lag = LagrangeBasis.at(tau, qap.power());
        Fr a = Fr.ZERO, b = Fr.ZERO, c = Fr.ZERO;
        QapCoefficients coefs = qap.coefficients();
        for (int i = 0; i < coefs.size(); i++) {
            Fr t = coefs.value(i).mul(lag[coefs.constraint(i)]).mul(w.get(coefs.signal(i)));
            switch (coefs.matrix(i)) {
                case QapCoefficients.A -> a = a.add(t);
                case QapCoefficients.B -> b = b.add(t);
                default -> c = c.add(t);
            }
        }
        long[] z = new long[4 * w.size()];
        for (int i = 0; i < w.size(); i++) {
            w.get(i).toMontgomeryLimbs(z, 4 * i);
        }
        long[] h = new NttQapReduction(new JavaKernelBackend()).hScalars(coefs, qap.power(), z);
        Fr[] odd = LagrangeBasis.oddOfDouble(tau, qap.power());
        Fr sum = Fr.ZERO;
        for (int j = 0; j < odd.length; j++) {
            FrArithmetic.toMontgomery(h, 4 * j, h, 4 * j);
            Fr hj = Fr.fromMontgomeryLimbs(h[4 * j], h[4 * j + 1], h[4 * j + 2], h[4 * j + 3]);
            sum = sum.add(hj.mul(odd[j]));
        }
        assertEquals(a.mul(b).sub(c), sum);
    }

    @Test
    void domainIsTheSmallestPowerOfTwoAboveConstraintsPlusPublic() {
        assertEquals(3, CircuitQap.domainPower(4, 3));   // 4 + 3 = 7 → 8 (the cubic fixture, as snarkjs)
        assertEquals(4, CircuitQap.domainPower(5, 3));   // 8 → 16
        assertEquals(1, CircuitQap.domainPower(0, 0));
        assertEquals(16, CircuitQap.domainPower(65534, 1)); // 65535 → 65536
        assertEquals(17, CircuitQap.domainPower(65535, 1)); // 65536 → 131072
    }
}
