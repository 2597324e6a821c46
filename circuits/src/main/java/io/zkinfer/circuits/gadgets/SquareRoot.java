package io.zkinfer.circuits.gadgets;

import io.zkinfer.circuits.builder.CircuitBuilder;
import io.zkinfer.circuits.builder.Signal;

import java.math.BigInteger;

/**
 * Integer square root {@code y = floor(sqrt(x))} of an unsigned n-bit x ({@code 0 ≤ x < 2^n}, assumed
 * constrained), with a remainder check.
 *
 * <p>Construction, with {@code h = ceil(n/2)}: y from h boolean hint bits, {@code p = y·y} (one product), the
 * remainder {@code r = x − p} (free), and the checks {@code r ∈ [0, 2^(h+1))} and {@code 2y − r ∈ [0, 2^(h+1))}.
 * Cost: {@code h + 1 + 2·(h + 2) = 3h + 5}.
 *
 * <p>Soundness: y ∈ [0, 2^h) and p = y² exactly (below 2^(2h) ≪ r); the two checks give {@code 0 ≤ x − y² ≤ 2y}
 * over the integers (every term is below 2^(n+2)), i.e. {@code y² ≤ x < (y + 1)²}, which only floor(sqrt(x))
 * satisfies.
 */
public final class SquareRoot {

    private SquareRoot() {
    }

    /** {@code floor(sqrt(x))} for {@code 0 ≤ x < 2^n}, n ≤ 124. */
    public static Signal floorSqrt(CircuitBuilder b, Signal x, int n) {
        if (n < 1 || n > 124) {
            throw new IllegalArgumentException("square root input width must be 1..124 bits, got " + n);
        }
        int h = (n + 1) / 2;
        BigInteger xv = x.signedValue();
        BigInteger honest = xv.signum() < 0 ? BigInteger.ZERO : xv.sqrt();
        Signal y = Bits.recompose(b, Bits.allocate(b, "y.bit", honest, h));
        Signal r = b.sub(x, b.mul(y, y));
        Bits.decompose(b, r, h + 1);
        Bits.decompose(b, b.sub(b.scale(y, 2), r), h + 1);
        return y;
    }
}
