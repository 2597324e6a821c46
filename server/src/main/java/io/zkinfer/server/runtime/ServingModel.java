package io.zkinfer.server.runtime;

import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.ir.TensorInfo;
import io.zkinfer.inference.quant.IntegerExecutor;
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
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A ready model version loaded for serving: the quantized model and its {@link IntegerExecutor} (the semantics the
 * circuit proves, so proven and unproven answers agree exactly), the prepared verifying key, and the prover, loaded
 * on the first proven call because its proving key is by far the largest part. Thread-safe.
 */
public final class ServingModel {

    private final VersionRecord version;
    private final ModelDirectory directory;
    private final QuantizedModel model;
    private final IntegerExecutor executor;
    private final VerifyingKey verifyingKey;
    private final PreparedVerifyingKey prepared;
    private final long footprintBytes;
    private volatile ProveStep prover;

    private ServingModel(VersionRecord version, ModelDirectory directory) throws IOException {
        this.version = version;
        this.directory = directory;
        this.model = directory.model();
        this.executor = new IntegerExecutor(model, null);
        this.verifyingKey = directory.verifyingKey();
        this.prepared = verifyingKey.prepare();
        this.footprintBytes = footprint(directory.path());
    }

    /** Loads the ready version {@code version} from its compiled directory. */
    public static ServingModel load(VersionRecord version, ModelDirectory directory) throws IOException {
        return new ServingModel(version, directory);
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
