package io.zkinfer.server.runtime;

import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.ir.TensorInfo;
import io.zkinfer.inference.quant.IntegerExecutor;
import io.zkinfer.inference.ort.OnnxRuntimeRunner;
import io.zkinfer.inference.quant.QuantizedModel;
import io.zkinfer.prover.model.ModelDirectory;
import io.zkinfer.prover.model.ProveStep;
import io.zkinfer.server.registry.VersionRecord;
import io.zkinfer.verifier.PreparedVerifyingKey;
import io.zkinfer.verifier.VerifyingKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A ready model version loaded for serving: the quantized model and its {@link IntegerExecutor} (the semantics the
 * circuit proves, so proven and unproven answers agree exactly), the prepared verifying key, and the prover, loaded
 * on the first proven call because its proving key is by far the largest part. Thread-safe.
 */
public final class ServingModel implements AutoCloseable {

    private final VersionRecord version;
    private final ModelDirectory directory;
    private final QuantizedModel model;
    private final IntegerExecutor executor;
    private final VerifyingKey verifyingKey;
    private final PreparedVerifyingKey prepared;
    private final long footprintBytes;
    private final Path floatModel;
    private volatile ProveStep prover;
    private final SharedSession<OnnxRuntimeRunner> floatSession;

    private ServingModel(VersionRecord version, ModelDirectory directory, Path floatModel) throws IOException {
        this.version = version;
        this.directory = directory;
        this.floatModel = floatModel;
        this.model = directory.model();
        this.executor = new IntegerExecutor(model, null);
        this.verifyingKey = directory.verifyingKey();
        this.prepared = verifyingKey.prepare();
        this.footprintBytes = footprint(directory.path());
        this.floatSession = new SharedSession<>(this::openFloatSession);
    }

    /**
     * Loads the ready version {@code version} from its compiled directory; {@code floatModel} is the uploaded float
     * model, run by ONNX Runtime for unproven calls when the version's serving settings ask for it.
     */
    public static ServingModel load(VersionRecord version, ModelDirectory directory, Path floatModel)
            throws IOException {
        return new ServingModel(version, directory, floatModel);
    }

    public VersionRecord version() {
        return version;
    }

    /** The graph inputs a request must carry. */
    public List<TensorInfo> inputs() {
        return model.graph().inputs();
    }

    /** The graph output names, in order. */
    public List<String> outputNames() {
        return model.graph().outputs().stream().map(TensorInfo::name).toList();
    }

    /** The outputs for float {@code inputs} under the quantized integer semantics, dequantized to FLOAT. */
    public Map<String, Tensor> run(Map<String, Tensor> inputs) {
        return executor.run(inputs);
    }

    /**
     * The outputs of the uploaded float model in ONNX Runtime, in the order of {@link #outputNames()}: faster, but
     * not the proven semantics, so they may differ from {@link #run}'s in the last digits. The session opens on first
     * use and closes with {@link #close}.
     */
    public Map<String, Tensor> runFloat(Map<String, Tensor> inputs) {
        Map<String, Tensor> raw = floatSession.use(runner -> runner.run(inputs));
        Map<String, Tensor> ordered = new LinkedHashMap<>();
        for (String name : outputNames()) {
            Tensor t = raw.get(name);
            if (t == null) {
                throw new IllegalStateException("ONNX Runtime gave no output '" + name + "' for " + version.label());
            }
            ordered.put(name, t);
        }
        return ordered;
    }

    private OnnxRuntimeRunner openFloatSession() {
        try {
            return new OnnxRuntimeRunner(Files.readAllBytes(floatModel));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the float model of " + version.label(), e);
        }
    }

    /**
     * Releases what this version holds outside the heap, the ONNX Runtime session, once the calls running on it
     * end; called when the version is unloaded. A later call still works, opening a session for itself.
     */
    @Override
    public void close() {
        floatSession.close();
    }

    /** The prover of this version, loading its proving key on first use. */
    public ProveStep prover() {
        ProveStep p = prover;
        if (p == null) {
            synchronized (this) {
                p = prover;
                if (p == null) {
                    try {
                        p = ProveStep.load(directory);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot load the prover of " + version.label() + ": "
                                + e.getMessage(), e);
                    }
                    prover = p;
                }
            }
        }
        return p;
    }

    public VerifyingKey verifyingKey() {
        return verifyingKey;
    }

    public PreparedVerifyingKey preparedVerifyingKey() {
        return prepared;
    }

    /**
     * What holding this version in memory costs, estimated from its files on disk (the proving key dominates and
     * is about its file's size in memory once loaded).
     */
    public long footprintBytes() {
        return footprintBytes;
    }

    private static long footprint(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }
}
