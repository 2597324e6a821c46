package io.zkinfer.verifier;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G2Affine;

/**
 * Re-checks points that reach the verifier as Java objects (they may have been built with the
 * algebra's {@code unchecked} factories): a G1 point must lie on {@code y² = x³ + 3}, a G2 point on the
 * twist and in the order-r subgroup. The point at infinity is always valid. Failures become
 * {@link InvalidArtifactException}s that name the element.
 */
final class PointValidation {

    private PointValidation() {
    }

    static G1Affine requireValid(G1Affine p, String source, String element) {
        if (p == null) {
            throw new InvalidArtifactException(source, element, "missing (null) point");
        }
        if (!p.isInfinity()) {
            try {
                G1Affine.of(p.x(), p.y());
            } catch (IllegalArgumentException e) {
                throw new InvalidArtifactException(source, element, e.getMessage(), e);
            }
        }
        return p;
    }

    static G2Affine requireValid(G2Affine p, String source, String element) {
        if (p == null) {
            throw new InvalidArtifactException(source, element, "missing (null) point");
        }
        if (!p.isInfinity()) {
            try {
                G2Affine.of(p.x(), p.y());
            } catch (IllegalArgumentException e) {
                throw new InvalidArtifactException(source, element, e.getMessage(), e);
            }
        }
        return p;
    }

    static void requireNotInfinity(boolean infinity, String source, String element) {
        if (infinity) {
            throw new InvalidArtifactException(source, element, "is the point at infinity; a Groth16 "
                    + "verifying key never holds the identity here (verification would be forgeable)");
        }
    }
}
