package io.zkinfer.server.runtime;

import io.grpc.Status;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.server.access.Caller;
import io.zkinfer.server.billing.Billing;
import io.zkinfer.server.billing.Call;
import io.zkinfer.server.billing.CallRequest;
import io.zkinfer.server.billing.Money;
import io.zkinfer.server.grpc.Failures;
import io.zkinfer.server.grpc.ServiceException;
import io.zkinfer.server.observe.InferencePath;
import io.zkinfer.server.observe.NodeMetrics;
import io.zkinfer.server.registry.ModelRecord;
import io.zkinfer.server.registry.ModelRegistry;
import io.zkinfer.server.registry.VersionRecord;
import io.zkinfer.server.store.TimeOrderedIds;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One inference from request to charge: resolve the serving version, check the caller may call it, convert and
 * check the inputs, run the quantized integer model (or, for an unproven call to a version that opted in, the float
 * model in ONNX Runtime), then meter it — an unproven call is charged at once, a proven
 * one has its charge held and a {@link ProofJobs proof job} queued, which settles the charge only when its proof
 * verifies. Everything that can refuse the call (unknown model, access, bad input, quota, balance, a full proof
 * queue) refuses it before anything is charged.
 */
public final class InferenceRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(InferenceRuntime.class);
    /** The metrics label of calls to models the registry does not know. */
    static final String UNKNOWN_MODEL = "(unknown)";
    private static final java.util.regex.Pattern IDEMPOTENCY_KEY = java.util.regex.Pattern.compile("[!-~]{1,64}");

    private final ModelRegistry registry;
    private final ModelCache cache;
    private final Billing billing;
    private final ProofJobs jobs;
    private final AccessGate access;
    private final Duration holdTimeout;
    private final NodeMetrics metrics;
    private final ModelLimits limits;
    private final Batcher batcher;
    private final IntSupplier demand;

    /** Refuses a caller who may not call a model (PERMISSION_DENIED, RESOURCE_EXHAUSTED for a rate limit). */
    @FunctionalInterface
    public interface AccessGate {
        void check(Caller caller, ModelRecord model);
    }

    public InferenceRuntime(ModelRegistry registry, ModelCache cache, Billing billing, ProofJobs jobs,
            AccessGate access, Duration holdTimeout, NodeMetrics metrics, ModelLimits limits, Batcher batcher,
            IntSupplier demand) {
        this.registry = registry;
        this.cache = cache;
        this.billing = billing;
        this.jobs = jobs;
        this.access = access;
        this.holdTimeout = holdTimeout;
        this.metrics = metrics;
        this.limits = limits;
        this.batcher = batcher;
        this.demand = demand;
    }

    /**
     * The answer to one call: the version that served, its outputs in order, the digests, the amount charged (or
     * held), and for a proven call its job.
     */
    public record Answer(VersionRecord version, List<String> outputNames, Map<String, Tensor> outputs,
            InferencePath path, String inputSha256, String outputSha256, Money charge, ProofJobView job,
            long latencyNanos) {
    }

    /**
     * Runs one inference for {@code caller}, charged at the price of binding quote {@code quoteId} (empty: the price in
     * force); see the class comment for the order of checks.
     */
    public Answer infer(Caller caller, String modelId, long version, List<io.zkinfer.api.v1.Tensor> inputs,
            boolean prove, String idempotencyKey, String quoteId) {
        try {
            Answer a = run(caller, modelId, version, inputs, prove, idempotencyKey, quoteId);
            metrics.recordInference(modelId, a.path(), prove, a.latencyNanos());
            if (!prove) {
                metrics.revenue(a.charge(), modelId);
            }
            return a;
        } catch (RuntimeException e) {
            Status.Code code = Failures.codeOf(e);
            // A model id the registry does not know comes from the client: it must not become a metrics label.
            metrics.inferenceFailed(code == Status.Code.NOT_FOUND || modelId.isEmpty() ? UNKNOWN_MODEL : modelId,
                    code);
            throw e;
        }
    }

    private Answer run(Caller caller, String modelId, long version, List<io.zkinfer.api.v1.Tensor> inputs,
            boolean prove, String idempotencyKey, String quoteId) {
        long t0 = System.nanoTime();
        if (modelId.isEmpty()) {
            throw ServiceException.invalid("the request names no model (model.model_id is empty)");
        }
        if (!idempotencyKey.isEmpty() && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            throw ServiceException.invalid("idempotency_key must be 1 to 64 printable ASCII characters without"
                    + " spaces; send a fresh UUID per call and reuse it on retries");
        }
        if (!quoteId.isEmpty() && !IDEMPOTENCY_KEY.matcher(quoteId).matches()) {
            throw ServiceException.invalid("quote_id must be an id that Quote returned (1 to 64 printable ASCII"
                    + " characters), or empty for the price in force");
        }
        String quote = quoteId.isEmpty() ? null : quoteId;
        ModelRecord model = registry.model(modelId);
        access.check(caller, model);
        VersionRecord serving = registry.serving(modelId, version);
        ServingModel loaded = load(serving, version == 0);
        Map<String, Tensor> in;
        try {
            in = TensorProtos.inputs(inputs, loaded.inputs());
        } catch (IllegalArgumentException e) {
            throw ServiceException.invalid(e.getMessage());
        }
        Map<String, Tensor> out;
        InferencePath path = !prove && loaded.version().serving().getOnnxRuntimeFloatForUnproven()
                ? InferencePath.ONNX_RUNTIME_FLOAT : InferencePath.INTEGER;
        try (ModelLimits.Turn turn = limits.enter(loaded.version().label(), loaded.version().serving())) {
            out = path == InferencePath.INTEGER ? batcher.run(loaded, in) : loaded.runFloat(in);
            turn.requireInTime();
        }
        List<String> names = loaded.outputNames();
        String inputSha = TensorDigest.sha256(loaded.inputs().stream().map(i -> i.name()).toList(), in);
        String outputSha = TensorDigest.sha256(names, out);
        String key = caller.accountId() + "/" + (idempotencyKey.isEmpty() ? "auto-" + TimeOrderedIds.next()
                : idempotencyKey);
        CallRequest request = new CallRequest(caller.accountId(), modelId,
                Long.toString(loaded.version().version()), inputSha);
        long latency = System.nanoTime() - t0;
        if (!prove) {
            Call call = billing.charge(key, request, demand.getAsInt(), quote);
            return new Answer(loaded.version(), names, out, path, inputSha, outputSha, call.amount(), null, latency);
        }
        jobs.requireRoom();
        Call held = billing.hold(key, request, demand.getAsInt(), holdTimeout, quote);
        List<io.zkinfer.api.v1.Tensor> outputs = names.stream().map(n -> TensorProtos.toProto(n, out.get(n)))
                .toList();
        ProofJobView job = jobs.submit(in, outputs, inputSha, outputSha, loaded.version(), held, key);
        return new Answer(loaded.version(), names, out, path, inputSha, outputSha, held.amount(), job, latency);
    }

    /** Version {@code version} of the model, whatever its status (for the digests of a job's answer). */
    public VersionRecord version(String modelId, long version) {
        return registry.version(modelId, version);
    }

    public ProofJobs jobs() {
        return jobs;
    }

    /**
     * The loaded {@code version}; when it will not load and the caller asked for the active version, the newest
     * earlier ready version serves instead, and the log says so.
     */
    private ServingModel load(VersionRecord version, boolean fallBack) {
        RuntimeException failure;
        try {
            return cache.get(version);
        } catch (RuntimeException e) {
            failure = e;
        }
        if (fallBack) {
            for (VersionRecord earlier : registry.versions(version.modelId())) {
                if (earlier.version() < version.version()
                        && earlier.status() == io.zkinfer.server.registry.VersionStatus.READY) {
                    try {
                        ServingModel loaded = cache.get(earlier);
                        LOG.warn("{} does not load ({}); serving {} instead", version.label(), failure.getMessage(),
                                earlier.label());
                        return loaded;
                    } catch (RuntimeException ignored) {
                        // try the next earlier version
                    }
                }
            }
        }
        LOG.error("{} does not load", version.label(), failure);
        throw ServiceException.unavailable(version.label() + " cannot be loaded on this node (" + failure.getMessage()
                + ") and no earlier version can serve; retry later");
    }
}
