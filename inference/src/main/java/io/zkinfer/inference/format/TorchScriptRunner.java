package io.zkinfer.inference.format;

import io.zkinfer.inference.ir.Tensor;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Float inference on a TorchScript archive through DJL's PyTorch engine, offline. The archive is first checked by
 * {@link TorchScriptArchive#validate} (structure and the pickle safety scan); only an archive that passes is handed to
 * libtorch. Inputs are FLOAT {@link Tensor}s passed to {@code forward} in order; outputs are FLOAT tensors (a tuple
 * result is flattened in order).
 *
 * <p>DJL is an optional dependency of this module: the caller needs {@code ai.djl.pytorch:pytorch-engine} on the
 * class path, and, since nothing is fetched at run time, the libtorch natives too ({@code
 * ai.djl.pytorch:pytorch-native-cpu} with its platform classifier and {@code ai.djl.pytorch:pytorch-jni}). When they
 * are absent, the constructor throws an {@link IllegalStateException} that names them. Before DJL is first touched,
 * this class sets {@code ai.djl.offline=true} and {@code OPT_OUT_TRACKING=true}, so that DJL never reaches the
 * network. Not thread-safe for {@link #close}; {@link #run} may be called from several threads.
 */
public final class TorchScriptRunner implements AutoCloseable {

    private final TorchScriptArchive archive;
    private final DjlTorchSession session;

    /** Validates {@code file} with the default limits and loads it; see the class comment for what is required. */
    public TorchScriptRunner(Path file) {
        this(TorchScriptArchive.validate(file, ValidationLimits.DEFAULT));
    }

    /** Loads an archive that has passed validation. */
    public TorchScriptRunner(TorchScriptArchive archive) {
        this.archive = archive;
        requireDjl();
        this.session = DjlTorchSession.open(archive.file());
    }

    /**
     * Whether DJL's PyTorch engine and its native library can be loaded in this process, and if not, why: empty when
     * it can. Loading libtorch the first time unpacks it into DJL's cache folder, which takes seconds.
     */
    public static java.util.Optional<String> unavailableReason() {
        try {
            requireDjl();
            DjlTorchSession.loadEngine();
            return java.util.Optional.empty();
        } catch (IllegalStateException e) {
            return java.util.Optional.of(e.getMessage());
        }
    }

    /** The archive this runner serves. */
    public TorchScriptArchive archive() {
        return archive;
    }

    /** Runs {@code forward} on {@code inputs} (FLOAT tensors, in the order forward takes them). */
    public List<Tensor> run(List<Tensor> inputs) {
        return session.run(inputs);
    }

    /** Runs {@code forward} on one input and returns the first output. */
    public Tensor run(Tensor input) {
        return run(List.of(input)).get(0);
    }

    /** The same as {@link #run(List)} for inputs keyed by name: the values in iteration order; outputs "output_i". */
    public Map<String, Tensor> run(Map<String, Tensor> inputs) {
        List<Tensor> out = run(List.copyOf(inputs.values()));
        Map<String, Tensor> named = new java.util.LinkedHashMap<>();
        for (int i = 0; i < out.size(); i++) {
            named.put("output_" + i, out.get(i));
        }
        return named;
    }

    @Override
    public void close() {
        session.close();
    }

    private static void requireDjl() {
        DjlOffline.configure();
        try {
            Class.forName("ai.djl.engine.Engine", false, TorchScriptRunner.class.getClassLoader());
            Class.forName("ai.djl.pytorch.engine.PtEngine", false, TorchScriptRunner.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("TorchScript serving needs DJL's PyTorch engine on the class path: add "
                    + "ai.djl.pytorch:pytorch-engine, ai.djl.pytorch:pytorch-jni and "
                    + "ai.djl.pytorch:pytorch-native-cpu (classifier for this platform, e.g. linux-x86_64), "
                    + "or convert the model to ONNX (" + e + ")", e);
        }
    }
}
