package io.zkinfer.server.registry;

import io.zkinfer.circuits.compile.CircuitTooLargeException;
import io.zkinfer.circuits.compile.UnsupportedOperatorException;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.quant.QuantOptions;
import io.zkinfer.inference.quant.QuantizedModel;
import io.zkinfer.inference.quant.Quantizer;
import io.zkinfer.prover.model.CompileStep;
import io.zkinfer.prover.model.Manifest;
import io.zkinfer.prover.model.ModelDirectory;
import io.zkinfer.prover.model.SetupStep;
import io.zkinfer.algebra.progress.Progress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds model versions in the background, one at a time (compiling and key generation use every core): quantize
 * the uploaded ONNX model with its calibration, compile it to R1CS, generate its Groth16 keys from
 * {@link SecureRandom} toxic waste (discarded), then mark it READY, recording each step in the registry so
 * GetModel shows where it is. A failure marks the version FAILED with the reason and leaves the model's active
 * version as it was. Versions left unfinished by a node that stopped are built again at start.
 */
public final class VersionBuilder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VersionBuilder.class);

    private final ModelRegistry registry;
    private final Clock clock;
    private final long maxConstraints;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "zkinfer-version-builder");
        t.setDaemon(true);
        return t;
    });

    public VersionBuilder(ModelRegistry registry, Clock clock, long maxConstraints) {
        this.registry = registry;
        this.clock = clock;
        this.maxConstraints = maxConstraints;
    }

    /** Queues {@code version} for building. */
    public void submit(VersionRecord version) {
        worker.execute(() -> build(version));
    }

    /** Queues every version whose build a previous run of the node left unfinished. */
    public int resumeUnfinished() {
        var unfinished = registry.unfinishedBuilds();
        unfinished.forEach(v -> {
            LOG.info("resuming the build of {} (it was {} when the node stopped)", v.label(), v.status());
            submit(v);
        });
        return unfinished.size();
    }

    private void build(VersionRecord pending) {
        VersionRecord v = pending;
        try {
            v = step(v, VersionStatus.COMPILING, "quantizing and compiling");
            Graph graph = UploadedModel.importOnnx(registry.files().blob(v.fileSha256()));
            QuantizedModel quantized = Quantizer.quantize(graph,
                    UploadedModel.calibration(graph, v.buildSpec().getCalibrationList()),
                    QuantOptions.DEFAULT.withBits(v.buildSpec().getQuantizationBits()), v.fileSha256());
            ModelDirectory dir = registry.files().versionDirectory(v.modelId(), v.version());
            CompileStep.Result compiled = CompileStep.run(quantized, BuildSpecs.visibility(
                    v.buildSpec().getVisibility()), dir.path(), Progress.NONE, maxConstraints);
            var counts = compiled.settings().counts();
            v = new VersionRecord(v.modelId(), v.version(), VersionStatus.SETTING_UP,
                    "generating Groth16 keys for " + counts.constraints() + " constraints", v.fileSha256(),
                    v.buildSpec(), v.serving(), v.activateOnReady(), "", "", counts.constraints(), counts.wires(),
                    compiled.settings().layout().size(), v.notes(), v.createdAt(), null);
            registry.updateVersion(v);
            SetupStep.Result setup = SetupStep.run(dir, null, new SecureRandom());
            Manifest manifest = setup.manifest();
            VersionRecord ready = new VersionRecord(v.modelId(), v.version(), VersionStatus.READY,
                    "built in " + (clock.millis() - pending.createdAt().toEpochMilli()) / 1000 + " s",
                    v.fileSha256(), v.buildSpec(), v.serving(), v.activateOnReady(), manifest.modelId(),
                    manifest.digest(ModelDirectory.VERIFICATION_KEY).orElse(""), v.constraints(), v.wires(),
                    v.publicSignals(), v.notes(), v.createdAt(), clock.instant());
            registry.ready(ready);
            LOG.info("{} is ready: {} constraints, model digest {}", ready.label(), ready.constraints(),
                    ready.modelDigest());
        } catch (UnsupportedOperatorException | CircuitTooLargeException e) {
            fail(v, "cannot compile: " + e.getMessage());
        } catch (Exception | OutOfMemoryError e) {
            LOG.warn("building {} failed", v.label(), e);
            fail(v, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private VersionRecord step(VersionRecord v, VersionStatus status, String message) {
        VersionRecord next = v.withStatus(status, message);
        registry.updateVersion(next);
        return next;
    }

    private void fail(VersionRecord v, String reason) {
        try {
            registry.updateVersion(v.withStatus(VersionStatus.FAILED, reason));
        } catch (RuntimeException e) {
            LOG.error("cannot record that {} failed ({})", v.label(), reason, e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        worker.shutdownNow();
        worker.awaitTermination(10, TimeUnit.SECONDS);
    }
}
