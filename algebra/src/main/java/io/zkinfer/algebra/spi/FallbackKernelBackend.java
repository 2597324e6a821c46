package io.zkinfer.algebra.spi;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G1Point;
import io.zkinfer.algebra.curve.G2Affine;
import io.zkinfer.algebra.curve.G2Point;
import io.zkinfer.algebra.field.Fr;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A backend that runs every kernel on {@code primary} and, when the primary fails at run time (a
 * device error, a native exception), logs a warning and runs the same kernel on {@code fallback}
 * (the pure-Java backend). Input errors ({@link IllegalArgumentException}) are the caller's and are
 * rethrown, never retried. Kernels the primary lacks go straight to the fallback. The results are
 * the same either way, so the caller cannot tell which ran, except from the log.
 */
final class FallbackKernelBackend implements KernelBackend {
    private static final Logger LOG = LoggerFactory.getLogger(FallbackKernelBackend.class);

    private final KernelBackend primary;
    private final KernelBackend fallback;
    private final AtomicBoolean warned = new AtomicBoolean();

    FallbackKernelBackend(KernelBackend primary, KernelBackend fallback) {
        this.primary = primary;
        this.fallback = fallback;
    }

    @Override
    public String name() {
        return primary.name();
    }

    @Override
    public int rank() {
        return primary.rank();
    }

    @Override
    public Set<Capability> capabilities() {
        return fallback.capabilities();
    }

    @Override
    public boolean isAvailable() {
        return primary.isAvailable();
    }

    @Override
    public String unavailableReason() {
        return primary.unavailableReason();
    }

    @Override
    public String description() {
        return primary.description();
    }

    @Override
    public G1Point msmG1(G1Affine[] bases, long[] scalars) {
        return run(Capability.MSM_G1, () -> primary.msmG1(bases, scalars), () -> fallback.msmG1(bases, scalars));
    }

    @Override
    public G2Point msmG2(G2Affine[] bases, long[] scalars) {
        return run(Capability.MSM_G2, () -> primary.msmG2(bases, scalars), () -> fallback.msmG2(bases, scalars));
    }

    /** Relies on the contract that a backend that throws leaves {@code values} unchanged. */
    @Override
    public void ntt(long[] values, boolean inverse) {
        run(Capability.NTT, () -> {
            primary.ntt(values, inverse);
            return null;
        }, () -> {
            fallback.ntt(values, inverse);
            return null;
        });
    }

    /** Relies on the contract that a backend that throws leaves {@code values} unchanged. */
    @Override
    public void cosetNtt(long[] values, Fr shift, boolean inverse) {
        run(Capability.NTT, () -> {
            primary.cosetNtt(values, shift, inverse);
            return null;
        }, () -> {
            fallback.cosetNtt(values, shift, inverse);
            return null;
        });
    }

    /** The whole step reruns on the fallback when the primary fails anywhere in it (no input is modified). */
    @Override
    public long[] qapQuotient(QapMatrices matrices, long[] witness, int log2n) {
        return run(Capability.NTT, () -> primary.qapQuotient(matrices, witness, log2n),
                () -> fallback.qapQuotient(matrices, witness, log2n));
    }

    private <T> T run(Capability capability, Supplier<T> onPrimary, Supplier<T> onFallback) {
        if (!primary.capabilities().contains(capability)) {
            return onFallback.get();
        }
        try {
            return onPrimary.get();
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            if (warned.compareAndSet(false, true)) {
                LOG.warn("kernel backend '{}' failed on {} ({}); this call and any later failing one run on '{}'"
                        + " (further failures are logged at debug level)", primary.name(), capability, e.toString(),
                        fallback.name());
            } else {
                LOG.debug("kernel backend '{}' failed again on {}: {}", primary.name(), capability, e.toString());
            }
            return onFallback.get();
        }
    }

    @Override
    public String toString() {
        return "KernelBackend(" + primary.name() + ", falling back to " + fallback.name() + ")";
    }
}
