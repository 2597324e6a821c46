package io.zkinfer.server.grpc;

import io.grpc.stub.StreamObserver;
import io.zkinfer.api.v1.AnalyzeInferencePerformanceRequest;
import io.zkinfer.api.v1.CheckModelHealthRequest;
import io.zkinfer.api.v1.DiagnosticsServiceGrpc;
import io.zkinfer.api.v1.EstimateResourceRequirementRequest;
import io.zkinfer.api.v1.ModelHealth;
import io.zkinfer.api.v1.ModelRef;
import io.zkinfer.api.v1.PerformanceReport;
import io.zkinfer.api.v1.ResourceEstimate;
import io.zkinfer.api.v1.ValidateModelFormatRequest;
import io.zkinfer.api.v1.ValidationReport;
import io.zkinfer.server.access.Caller;
import io.zkinfer.server.access.ModelAccess;
import io.zkinfer.server.access.PlanKind;
import java.util.function.Function;
import io.zkinfer.server.diagnose.ModelFileCheck;
import io.zkinfer.server.diagnose.ModelHealthCheck;
import io.zkinfer.server.diagnose.PerformanceAnalysis;
import io.zkinfer.server.diagnose.PerformanceWindows;
import io.zkinfer.server.diagnose.ResourceEstimator;
import io.zkinfer.server.observe.NodeMetrics;
import io.zkinfer.server.registry.ModelRecord;
import io.zkinfer.server.registry.ModelRegistry;
import io.zkinfer.server.runtime.ModelCache;
import java.time.Clock;
import java.time.Duration;

/**
 * The gRPC DiagnosticsService: a model version's health ({@link ModelHealthCheck}), its recent performance
 * ({@link PerformanceAnalysis} over {@link PerformanceWindows}), a model file's validation before deployment
 * ({@link ModelFileCheck}) and a resource estimate ({@link ResourceEstimator}). This class checks the request and
 * that the caller may see the model (PERMISSION_DENIED otherwise, as GetModel decides), and translates; every call
 * needs an authenticated caller.
 */
public final class DiagnosticsGrpcService extends DiagnosticsServiceGrpc.DiagnosticsServiceImplBase {

    private final ModelRegistry registry;
    private final ModelHealthCheck health;
    private final PerformanceWindows windows;
    private final PerformanceAnalysis performance;
    private final ModelFileCheck files;
    private final ResourceEstimator estimator;
    private final Function<String, PlanKind> plans;

    /**
     * @param registry       the model registry
     * @param cache          the hot-model cache (read only)
     * @param metrics        the node's metrics, counting since {@code clock}'s present instant
     * @param clock          the node's clock
     * @param maxConstraints the largest circuit this node's builds compile
     * @param plans          an account's plan, for access rules that name plans
     */
    public DiagnosticsGrpcService(ModelRegistry registry, ModelCache cache, NodeMetrics metrics, Clock clock,
            long maxConstraints, Function<String, PlanKind> plans) {
        this.registry = registry;
        this.plans = plans;
        this.health = new ModelHealthCheck(registry, cache, metrics);
        this.windows = new PerformanceWindows(metrics, clock);
        this.performance = new PerformanceAnalysis(windows, metrics);
        this.files = new ModelFileCheck(maxConstraints);
        this.estimator = new ResourceEstimator(registry.files(), maxConstraints, Runtime.getRuntime().maxMemory());
    }

    @Override
    public void checkModelHealth(CheckModelHealthRequest request, StreamObserver<ModelHealth> response) {
        Rpcs.unary(response, () -> {
            ModelRecord model = visibleModel(request.hasModel() ? request.getModel() : null);
            windows.observe(model.modelId());
            return health.check(model, request.getModel().getVersion());
        });
    }

    @Override
    public void analyzeInferencePerformance(AnalyzeInferencePerformanceRequest request,
            StreamObserver<PerformanceReport> response) {
        Rpcs.unary(response, () -> {
            Duration window = PerformanceAnalysis.window(request);
            ModelRecord model = visibleModel(request.hasModel() ? request.getModel() : null);
            if (request.getModel().getVersion() != 0) {
                registry.version(model.modelId(), request.getModel().getVersion());
            }
            return performance.report(model.modelId(), window);
        });
    }

    @Override
    public void validateModelFormat(ValidateModelFormatRequest request, StreamObserver<ValidationReport> response) {
        Rpcs.unary(response, () -> {
            Caller.current();
            return files.validate(request.getFormat(), request.getModel().toByteArray());
        });
    }

    @Override
    public void estimateResourceRequirement(EstimateResourceRequirementRequest request,
            StreamObserver<ResourceEstimate> response) {
        Rpcs.unary(response, () -> switch (request.getSourceCase()) {
            case MODEL -> {
                ModelRecord model = visibleModel(request.getModel());
                long version = request.getModel().getVersion() != 0 ? request.getModel().getVersion()
                        : model.activeVersion() != 0 ? model.activeVersion()
                        : registry.versions(model.modelId()).get(0).version();
                yield estimator.forVersion(registry.version(model.modelId(), version), request);
            }
            case MODEL_FILE -> {
                Caller.current();
                yield estimator.forFile(request.getModelFile().toByteArray(), request);
            }
            case SOURCE_NOT_SET -> throw ServiceException.invalid("the request names no model: set model (a deployed"
                    + " version) or model_file (an ONNX file)");
        });
    }

    /** The model {@code ref} names, once the caller may see it; INVALID_ARGUMENT, NOT_FOUND, PERMISSION_DENIED. */
    private ModelRecord visibleModel(ModelRef ref) {
        Caller caller = Caller.current();
        if (ref == null || ref.getModelId().isEmpty()) {
            throw ServiceException.invalid("the request names no model (model.model_id is empty)");
        }
        if (ref.getVersion() < 0) {
            throw ServiceException.invalid("model.version is " + ref.getVersion() + "; give 1 or more, or 0 for the"
                    + " active version");
        }
        ModelRecord model = registry.model(ref.getModelId());
        if (!ModelAccess.fromProto(model.access()).admits(caller, model.owner(),
                () -> plans.apply(caller.accountId()))) {
            throw ServiceException.denied("model " + model.modelId() + " is not open to account "
                    + caller.accountId());
        }
        return model;
    }
}
