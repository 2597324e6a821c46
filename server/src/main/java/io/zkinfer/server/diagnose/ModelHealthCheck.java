package io.zkinfer.server.diagnose;

import io.zkinfer.api.v1.HealthCheck;
import io.zkinfer.api.v1.HealthState;
import io.zkinfer.api.v1.ModelHealth;
import io.zkinfer.api.v1.ModelRef;
import io.zkinfer.prover.model.ModelDirectory;
import io.zkinfer.server.observe.NodeMetrics;
import io.zkinfer.server.observe.ProofOutcome;
import io.zkinfer.server.registry.ModelRecord;
import io.zkinfer.server.registry.ModelRegistry;
import io.zkinfer.server.registry.VersionRecord;
import io.zkinfer.server.registry.VersionStatus;
import io.zkinfer.server.runtime.ModelCache;
import java.util.Optional;

/**
 * Whether a model version can serve and prove now, from the registry (its status), its compiled files (what
 * loading it needs, and its keys), the hot-model cache (loaded or being loaded) and the proof jobs of the model.
 * Reads only: it loads nothing and changes nothing.
 *
 * <p>The verdict: {@code NOT_SERVING} for a retired model, a failed or retired version, or a ready one whose files
 * cannot load (and that no earlier version stands in for); {@code LOADING} while the version is being built or
 * loaded; {@code DEGRADED} when the active version cannot load and an earlier ready one serves instead (as the runtime
 * falls back for calls that ask for the active version), when the proving key is missing (unproven calls only), or
 * when the model's proof jobs have failed and none has succeeded since the node started; else {@code SERVING}. A ready
 * version that is not in the cache is {@code SERVING}: its check says so, and the next call loads it. The node keeps
 * no time of the last successful call, so {@code last_success_at} stays unset.
 */
public final class ModelHealthCheck {

    private final ModelRegistry registry;
    private final ModelCache cache;
    private final NodeMetrics metrics;

    public ModelHealthCheck(ModelRegistry registry, ModelCache cache, NodeMetrics metrics) {
        this.registry = registry;
        this.cache = cache;
        this.metrics = metrics;
    }

    /**
     * The health of {@code version} of {@code model} (0: the active version, or the newest while none is active);
     * NOT_FOUND for a version the model does not have.
     */
    public ModelHealth check(ModelRecord model, long version) {
        VersionRecord target = version != 0 ? registry.version(model.modelId(), version)
                : model.activeVersion() != 0 ? registry.version(model.modelId(), model.activeVersion())
                : registry.versions(model.modelId()).get(0);
        ModelHealth.Builder health = ModelHealth.newBuilder().setModel(ref(target));
        Optional<VersionRecord> serving = servingNow(model);
        serving.ifPresent(v -> health.setServing(ref(v)));
        health.addChecks(check("version status", target.status() == VersionStatus.READY, describe(target)));
        if (model.retired()) {
            return verdict(health, HealthState.HEALTH_STATE_NOT_SERVING, "model " + model.modelId()
                    + " is retired and serves no calls");
        }
        if (target.status() != VersionStatus.READY) {
            return verdict(health, target.status().isBuilding() ? HealthState.HEALTH_STATE_LOADING
                    : HealthState.HEALTH_STATE_NOT_SERVING, target.label() + " is " + describe(target));
        }
        VersionFiles files = VersionFiles.of(registry.files().versionDirectory(target.modelId(), target.version()),
                target);
        boolean loaded = cache.isLoaded(target);
        boolean loading = cache.isLoading(target);
        ProofRecord proofs = ProofRecord.of(metrics, model.modelId());
        health.addChecks(check("model files", files.modelFilesPresent(), files.modelFilesDetail()))
                .addChecks(check("verifying key", files.verifyingKeyMatches(), files.verifyingKeyDetail()))
                .addChecks(check("proving key", files.provingKeyPresent(), files.provingKeyDetail()))
                .addChecks(check("model loaded", loaded, loaded ? "loaded in the hot-model cache"
                        : loading ? "being loaded now" : "not in the hot-model cache now; the next call loads it"))
                .addChecks(check("last proof", !proofs.failing(), proofs.describe()));
        if (!files.loadable() && !loaded) {
            String why = target.label() + " cannot be loaded: " + files.firstProblem();
            if (serving.isPresent() && serving.get().version() != target.version()
                    && target.version() == model.activeVersion()) {
                return verdict(health, HealthState.HEALTH_STATE_DEGRADED, why + "; " + serving.get().label()
                        + " serves the model's calls instead");
            }
            return verdict(health, HealthState.HEALTH_STATE_NOT_SERVING, why);
        }
        if (loading) {
            return verdict(health, HealthState.HEALTH_STATE_LOADING, target.label() + " is being loaded");
        }
        if (!files.provingKeyPresent()) {
            return verdict(health, HealthState.HEALTH_STATE_DEGRADED, target.label() + " serves unproven calls only: "
                    + files.provingKeyDetail());
        }
        if (proofs.failing()) {
            return verdict(health, HealthState.HEALTH_STATE_DEGRADED, target.label() + " serves, but proving fails: "
                    + proofs.describe());
        }
        return verdict(health, HealthState.HEALTH_STATE_SERVING, target.label() + " serves and proves"
                + (loaded ? "" : "; it is not loaded now, so the next call waits for it to load"));
    }

    /**
     * The version that serves calls for the model now: the active one if it is loaded or can be loaded, else the
     * newest earlier ready version that can (the runtime's fallback); none for a retired model or one with no active
     * version.
     */
    private Optional<VersionRecord> servingNow(ModelRecord model) {
        if (model.retired() || model.activeVersion() == 0) {
            return Optional.empty();
        }
        for (VersionRecord v : registry.versions(model.modelId())) {
            if (v.version() <= model.activeVersion() && v.status() == VersionStatus.READY
                    && (cache.isLoaded(v) || VersionFiles.of(directory(v), v).loadable())) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    private ModelDirectory directory(VersionRecord v) {
        return registry.files().versionDirectory(v.modelId(), v.version());
    }

    private static ModelHealth verdict(ModelHealth.Builder health, HealthState state, String message) {
        return health.setState(state).setMessage(message).build();
    }

    private static HealthCheck check(String name, boolean ok, String message) {
        return HealthCheck.newBuilder().setName(name).setOk(ok).setMessage(message).build();
    }

    private static ModelRef ref(VersionRecord v) {
        return ModelRef.newBuilder().setModelId(v.modelId()).setVersion(v.version()).build();
    }

    private static String describe(VersionRecord v) {
        String status = v.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return v.statusMessage().isEmpty() ? status : status + " (" + v.statusMessage() + ")";
    }

    /** The model's proof jobs since the node started. */
    private record ProofRecord(long succeeded, long failed, long expired) {
        static ProofRecord of(NodeMetrics metrics, String model) {
            return new ProofRecord(metrics.proofJobs(model, ProofOutcome.SUCCEEDED),
                    metrics.proofJobs(model, ProofOutcome.FAILED), metrics.proofJobs(model, ProofOutcome.EXPIRED));
        }

        /** Jobs have failed or expired, and none has succeeded. */
        boolean failing() {
            return succeeded == 0 && failed + expired > 0;
        }

        String describe() {
            if (succeeded + failed + expired == 0) {
                return "no proof job of this model has ended since the node started";
            }
            return "since the node started, proof jobs of this model: " + succeeded + " succeeded, " + failed
                    + " failed, " + expired + " expired";
        }
    }
}
