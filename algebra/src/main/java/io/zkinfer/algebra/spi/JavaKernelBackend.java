package io.zkinfer.algebra.spi;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G1Point;
import io.zkinfer.algebra.curve.G2Affine;
import io.zkinfer.algebra.curve.G2Point;
import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.msm.Msm;
import io.zkinfer.algebra.poly.Ntt;
import java.util.EnumSet;
import java.util.Set;

/**
 * The pure-Java backend ({@link Msm}, {@link Ntt}): always available, rank 0, every capability.
 * It is the reference the native backends are tested against.
 */
public final class JavaKernelBackend implements KernelBackend {
    /** The name selecting this backend with {@code -Dzkinfer.backend=java}. */
    public static final String NAME = "java";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int rank() {
        return 0;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    @Override
    public String description() {
        return "pure Java, " + Runtime.getRuntime().availableProcessors() + " threads";
    }

    @Override
    public String unavailableReason() {
        return "";
    }

    @Override
    public G1Point msmG1(G1Affine[] bases, long[] scalars) {
        return Msm.g1(bases, scalars);
    }

    @Override
    public G2Point msmG2(G2Affine[] bases, long[] scalars) {
        return Msm.g2(bases, scalars);
    }

    @Override
    public void ntt(long[] values, boolean inverse) {
        if (inverse) {
            Ntt.inverse(values);
        } else {
            Ntt.forward(values);
        }
    }

    @Override
    public void cosetNtt(long[] values, Fr shift, boolean inverse) {
        if (inverse) {
            Ntt.cosetInverse(values, shift);
        } else {
            Ntt.cosetForward(values, shift);
        }
    }

    @Override
    public String toString() {
        return "KernelBackend(java, rank 0)";
    }
}
