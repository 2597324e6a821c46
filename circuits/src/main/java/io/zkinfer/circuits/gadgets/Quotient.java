package io.zkinfer.circuits.gadgets;

import io.zkinfer.circuits.builder.CircuitBuilder;
import io.zkinfer.circuits.builder.SignedEncoding;
import io.zkinfer.circuits.builder.Signal;

import java.math.BigInteger;

/**
 * {@code floorDiv(n, d)} for a constant {@code d ≥ 1}: a remainder r with {@code 0 ≤ r < d} and the quotient as
 * the linear combination {@code q = (n − r)·d⁻¹} (d is invertible in Fr), so {@code n = q·d + r} holds without a
 * constraint of its own. Cost, with {@code k = bitLength(d − 1)}: 0 for d = 1; k for d = 2^k (the bits of r);
 * {@code 2k + 1} otherwise (also {@code d − 1 − r ∈ [0, 2^k)}, so that r &lt; d).
 *
 * <p>The quotient is a small integer only for the honest remainder: if {@code q ≡ z (mod r)} for an integer z
 * with {@code |z·d|}, {@code |n|} and d far below r/2, then {@code z·d = n − r'} over the integers, so r' ≡ n
 * (mod d) and r' is the honest remainder. The caller must therefore bound q with a range check or a comparison
 * (at most {@link Interval#MAX_BITS} bits); {@link Rescale} and {@link Division} always do.
 */
final class Quotient {

    private Quotient() {
    }

    /** The unbounded quotient q of n by d; see the class comment for what the caller still owes. */
    static Signal floorDiv(CircuitBuilder b, Signal n, BigInteger d) {
        if (d.signum() < 1 || d.bitLength() > 63) {
            throw new IllegalArgumentException("divisor must be in [1, 2^63), got " + d);
        }
        if (d.equals(BigInteger.ONE)) {
            return n;
        }
        BigInteger honest = n.signedValue().mod(d);
        BigInteger top = d.subtract(BigInteger.ONE);
        int k = top.bitLength();
        Signal r = Bits.recompose(b, Bits.allocate(b, "r.bit", honest, k));
        if (top.bitCount() != k) { // d is not a power of two: also d − 1 − r ≥ 0
            Bits.decompose(b, b.sub(b.constant(top), r), k);
        }
        return b.scale(b.sub(n, r), SignedEncoding.encode(d).inverse());
    }
}
