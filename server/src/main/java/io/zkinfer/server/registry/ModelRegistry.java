package io.zkinfer.server.registry;

import io.zkinfer.api.v1.AccessPolicy;
import io.zkinfer.api.v1.DeployHeader;
import io.zkinfer.api.v1.Pricing;
import io.zkinfer.api.v1.UpgradeHeader;
import io.zkinfer.server.access.ModelAccess;
import io.zkinfer.server.grpc.ServiceException;
import io.zkinfer.server.store.Database;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The model registry: deployed models, their versions and which one is active, their pricing and access rules, in
 * the database; uploaded files and compiled versions in {@link ModelFiles}. Deploy and Upgrade record a version as
 * {@link VersionStatus#PENDING} and hand it to the {@link VersionBuilder}; the first version becomes active when
 * ready, later ones when their upload asked for it. Every change is one database transaction, checked before
 * anything is written, so a refused call changes nothing. Only a model's owner changes it.
 *
 * <p>Reads on the serving path ({@link #model}, {@link #version}) come from a small cache of rows that this node
 * refreshes on its own writes and re-reads after {@link #CACHE_TTL_MS}, so that nodes sharing a database follow one
 * another's changes within that time ({@link RowCache}).
 */
public final class ModelRegistry {

    /** How long a cached row is trusted before it is read again (changes by other nodes show up within this). */
    public static final long CACHE_TTL_MS = 2_000;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private final Database database;
    private final ModelFiles files;
    private final Clock clock;
    private final PricingCheck pricingCheck;
    private final SecureRandom random = new SecureRandom();
    private final RowCache<ModelRecord> models;
    private final RowCache<VersionRecord> versions;
    private volatile RegistryListener listener = RegistryListener.NONE;
    private volatile VersionBuilder builder;

    /** Checks a model's pricing before it is stored; throws {@link IllegalArgumentException} naming the fault. */
    @FunctionalInterface
    public interface PricingCheck {
        void check(String modelId, String owner, Pricing pricing);
    }

    public ModelRegistry(Database database, ModelFiles files, Clock clock, PricingCheck pricingCheck) {
        this.database = database;
        this.files = files;
        this.clock = clock;
        this.pricingCheck = pricingCheck;
        this.models = new RowCache<>(clock, CACHE_TTL_MS);
        this.versions = new RowCache<>(clock, CACHE_TTL_MS);
    }

    /** The builder that new and unfinished versions go to. */
    public void attach(VersionBuilder versionBuilder, RegistryListener registryListener) {
        this.builder = versionBuilder;
        this.listener = registryListener;
    }

    public ModelFiles files() {
        return files;
    }

    /** A model and one of its versions: what Deploy and Upgrade answer. */
    public record Deployed(ModelRecord model, VersionRecord version) {
    }

    /** A model and all its versions, newest first: what GetModel answers when asked for the versions. */
    public record Described(ModelRecord model, List<VersionRecord> versions) {
    }

    /**
     * Registers a new model from {@code header} and the validated upload {@code file}: version 1, pending, built in
     * the background. A retry with the same idempotency key and request answers the first deploy.
     */
    public Deployed deploy(String owner, DeployHeader header, Upload.Received file, String requestSha256) {
        String name = header.getName();
        if (!NAME.matcher(name).matches()) {
            throw ServiceException.invalid("model name '" + name + "' must be 1 to 64 letters, digits, '.', '_' or"
                    + " '-', starting with a letter or digit");
        }
        Pricing pricing = header.hasPricing() ? header.getPricing() : Pricing.getDefaultInstance();
        AccessPolicy access = normalized(header.hasAccess() ? header.getAccess()
                : AccessPolicy.getDefaultInstance());
        String modelId = newModelId();
        pricingCheck.check(modelId, owner, pricing);
        UpgradeHeader spec = BuildSpecs.of(header);
        Instant now = clock.instant();
        stored(file);
        Deployed result = writing(modelId, c -> {
            RegistryTables t = new RegistryTables(c, database.dialect());
            Optional<Deployed> prior = replay(t, owner, header.getIdempotencyKey(), requestSha256, "Deploy");
            if (prior.isPresent()) {
                return prior.get();
            }
            if (t.modelByName(owner, name).isPresent()) {
                throw new ServiceException(io.grpc.Status.Code.ALREADY_EXISTS, "you already have a model named '"
                        + name + "'; upload a new version of it with Upgrade, or choose another name");
            }
            ModelRecord model = new ModelRecord(modelId, owner, name, header.getDescription(), 0, false, pricing,
                    access, now);
            VersionRecord version = pending(modelId, 1, file.sha256(), spec, true, "", now);
            t.insertModel(model);
            t.insertVersion(version);
            remember(t, owner, header.getIdempotencyKey(), requestSha256, model.modelId(), 1);
            return new Deployed(model, version);
        });
        listener.modelChanged(result.model());
        build(result.version());
        return result;
    }

    /** Adds a version to an existing model of {@code owner} from {@code header} and the validated upload. */
    public Deployed upgrade(String owner, UpgradeHeader header, Upload.Received file, String requestSha256) {
        String modelId = header.getModelId();
        UpgradeHeader spec = BuildSpecs.of(header);
        Instant now = clock.instant();
        stored(file);
        Deployed result = writing(modelId, c -> {
            RegistryTables t = new RegistryTables(c, database.dialect());
            Optional<Deployed> prior = replay(t, owner, header.getIdempotencyKey(), requestSha256, "Upgrade");
            if (prior.isPresent()) {
                return prior.get();
            }
            ModelRecord model = owned(t, owner, modelId, true);
            if (model.retired()) {
                throw ServiceException.precondition("model " + modelId + " is retired; deploy a new model instead");
            }
            long next = t.versions(modelId).stream().mapToLong(VersionRecord::version).max().orElse(0) + 1;
            boolean activate = header.getActivateWhenReady() || model.activeVersion() == 0;
            VersionRecord version = pending(modelId, next, file.sha256(), spec, activate, header.getNotes(), now);
            t.insertVersion(version);
            remember(t, owner, header.getIdempotencyKey(), requestSha256, modelId, next);
            return new Deployed(model, version);
        });
        build(result.version());
        return result;
    }

    /** Makes {@code toVersion} (0: the newest ready version before the active one) the active version again. */
    public ModelRecord rollback(String owner, String modelId, long toVersion) {
        ModelRecord changed = writing(modelId, c -> {
            RegistryTables t = new RegistryTables(c, database.dialect());
            ModelRecord model = owned(t, owner, modelId, true);
            List<VersionRecord> all = t.versions(modelId);
            VersionRecord target;
            if (toVersion == 0) {
                target = all.stream().filter(v -> v.version() < model.activeVersion()
                        && v.status() == VersionStatus.READY).findFirst().orElseThrow(() ->
                        ServiceException.precondition("model " + modelId + " has no ready version before v"
                                + model.activeVersion() + " to roll back to"));
            } else {
                target = all.stream().filter(v -> v.version() == toVersion).findFirst().orElseThrow(() ->
                        ServiceException.notFound("model " + modelId + " has no version " + toVersion));
                if (target.status() != VersionStatus.READY) {
                    throw ServiceException.precondition(target.label() + " is " + describe(target)
                            + "; only a ready version can become active");
                }
            }
            if (model.retired()) {
                throw ServiceException.precondition("model " + modelId + " is retired");
            }
            ModelRecord updated = withActive(model, target.version());
            t.updateModel(updated);
            return updated;
        });
        listener.modelChanged(changed);
        return changed;
    }

    /**
     * Retires {@code version} of the model, or the whole model when 0. Retired versions serve no new calls but keep
     * their verifying keys. The active version retires only when no other version is ready (roll back first).
     */
    public ModelRecord retire(String owner, String modelId, long version) {
        ModelRecord changed = writing(modelId, c -> {
            RegistryTables t = new RegistryTables(c, database.dialect());
            ModelRecord model = owned(t, owner, modelId, true);
            if (version == 0) {
                ModelRecord updated = new ModelRecord(model.modelId(), model.owner(), model.name(),
                        model.description(), model.activeVersion(), true, model.pricing(), model.access(),
                        model.createdAt());
                t.updateModel(updated);
                return updated;
            }
            VersionRecord v = t.version(modelId, version).orElseThrow(() ->
                    ServiceException.notFound("model " + modelId + " has no version " + version));
            if (v.status().isBuilding()) {
                throw ServiceException.precondition(v.label() + " is still " + describe(v)
                        + "; retire it once its build ends");
            }
            ModelRecord updated = model;
            if (model.activeVersion() == version) {
                boolean othersReady = t.versions(modelId).stream().anyMatch(o -> o.version() != version
                        && o.status() == VersionStatus.READY);
                if (othersReady) {
                    throw ServiceException.precondition(v.label() + " is the active version and others are ready;"
                            + " roll back to one of them first");
                }
                updated = withActive(model, 0);
                t.updateModel(updated);
            }
            t.updateVersion(v.withStatus(VersionStatus.RETIRED, "retired"));
            return updated;
        });
        listener.modelChanged(changed);
        return changed;
    }

    /** Replaces the model's pricing. */
    public ModelRecord setPricing(String owner, String modelId, Pricing pricing) {
        ModelRecord changed = writing(modelId, c -> {
            RegistryTables t = new RegistryTables(c, database.dialect());
            ModelRecord m = owned(t, owner, modelId, true);
            pricingCheck.check(modelId, owner, pricing);
            ModelRecord updated = new ModelRecord(m.modelId(), m.owner(), m.name(), m.description(),
                    m.activeVersion(), m.retired(), pricing, m.access(), m.createdAt());
            t.updateModel(updated);
            return updated;
        });
        listener.modelChanged(changed);
        return changed;
    }

    /** Replaces the model's access rules. */
    public ModelRecord setAccess(String owner, String modelId, AccessPolicy access) {
        AccessPolicy normalized = normalized(access);
        ModelRecord changed = writing(modelId, c -> {
            RegistryTables t = new RegistryTables(c, database.dialect());
            ModelRecord m = owned(t, owner, modelId, true);
            ModelRecord updated = new ModelRecord(m.modelId(), m.owner(), m.name(), m.description(),
                    m.activeVersion(), m.retired(), m.pricing(), normalized, m.createdAt());
            t.updateModel(updated);
            return updated;
        });
        listener.modelChanged(changed);
        return changed;
    }

    /** The model {@code modelId}; NOT_FOUND when there is none. Served from the row cache. */
    public ModelRecord model(String modelId) {
        return models.get(modelId, () -> database.inTransaction(c -> new RegistryTables(c, database.dialect())
                .model(modelId, false)).orElseThrow(() -> noSuchModel(modelId)));
    }

    /** Version {@code version} of the model; NOT_FOUND when there is none. Served from the row cache. */
    public VersionRecord version(String modelId, long version) {
        return versions.get(modelId + "#" + version, () -> {
            model(modelId);
            return database.inTransaction(c -> new RegistryTables(c, database.dialect()).version(modelId, version))
                    .orElseThrow(() -> ServiceException.notFound("model " + modelId + " has no version " + version));
        });
    }

    /**
     * The version that serves a call for {@code version} (0: the active one): READY, of a model not retired;
     * otherwise FAILED_PRECONDITION saying what the model is waiting for.
     */
    public VersionRecord serving(String modelId, long version) {
        ModelRecord m = model(modelId);
        if (m.retired()) {
            throw ServiceException.precondition("model " + modelId + " is retired and serves no calls");
        }
        long wanted = version == 0 ? m.activeVersion() : version;
        if (wanted == 0) {
            VersionRecord first = version(modelId, 1);
            throw ServiceException.precondition("model " + modelId + " has no ready version yet: "
                    + first.label() + " is " + describe(first) + "; follow it with GetModel");
        }
        VersionRecord v = version(modelId, wanted);
        if (v.status() != VersionStatus.READY) {
            throw ServiceException.precondition(v.label() + " is " + describe(v) + " and serves no calls");
        }
        return v;
    }

    /**
     * The model {@code modelId} with every version, newest first, as one write left them; NOT_FOUND when there is
     * none. Read in one transaction with the model's row locked (PostgreSQL), not from the caches: a build that made a
     * version ready and active in one write shows as both or neither, where a cached model and a fresh version list
     * could show the version ready and the model still on the one before.
     */
    public Described described(String modelId) {
        return database.inTransaction(c -> {
            RegistryTables t = new RegistryTables(c, database.dialect());
            ModelRecord m = t.model(modelId, true).orElseThrow(() -> noSuchModel(modelId));
            return new Described(m, t.versions(modelId));
        });
    }

    private static ServiceException noSuchModel(String modelId) {
        return ServiceException.notFound("no model '" + modelId + "' on this node; list them with ListModels");
    }

    /** Every version of the model, newest first. */
    public List<VersionRecord> versions(String modelId) {
        model(modelId);
        return database.inTransaction(c -> new RegistryTables(c, database.dialect()).versions(modelId));
    }

    /** Up to {@code limit} models from the cursor on, oldest first (the cursor is the last page's next key). */
    public List<ModelRecord> list(long fromCreatedMs, String fromModelId, int limit) {
        return database.inTransaction(c -> new RegistryTables(c, database.dialect())
                .models(fromCreatedMs, fromModelId, limit));
    }

    /** Versions whose build had not finished when the node stopped; the builder starts them again. */
    public List<VersionRecord> unfinishedBuilds() {
        return database.inTransaction(c -> new RegistryTables(c, database.dialect()).unfinishedBuilds());
    }

    /** Records a build step of {@code version} (the builder's progress, or its failure). */
    void updateVersion(VersionRecord version) {
        writing(version.modelId(), c -> {
            new RegistryTables(c, database.dialect()).updateVersion(version);
            return null;
        });
    }

    /** Marks {@code ready} READY and, when it asked to be, makes it the active version, in one transaction. */
    void ready(VersionRecord ready) {
        ModelRecord changed = writing(ready.modelId(), c -> {
            RegistryTables t = new RegistryTables(c, database.dialect());
            t.updateVersion(ready);
            ModelRecord m = t.model(ready.modelId(), true).orElseThrow();
            if (ready.activateOnReady() && !m.retired()) {
                ModelRecord updated = withActive(m, ready.version());
                t.updateModel(updated);
                return updated;
            }
            return m;
        });
        listener.modelChanged(changed);
    }

    private void build(VersionRecord version) {
        VersionBuilder b = builder;
        if (b != null) {
            b.submit(version);
        }
    }

    /**
     * Runs {@code write}, a transaction that changes the rows of model {@code modelId}, with both row caches told
     * when it begins and when it has ended ({@link RowCache#beginWrite}), so that once it committed no reader gets
     * a row of the model from before it.
     */
    private <T> T writing(String modelId, Database.Work<T> write) {
        Predicate<String> model = modelId::equals;
        Predicate<String> itsVersions = key -> key.startsWith(modelId + "#");
        models.beginWrite(model);
        versions.beginWrite(itsVersions);
        try {
            return database.inTransaction(write);
        } finally {
            versions.endWrite(itsVersions);
            models.endWrite(model);
        }
    }

    /**
     * Moves the upload into the content-addressed store before its version is recorded, so a recorded version always
     * has its file; a refused deploy leaves only an unreferenced blob, which a later identical upload reuses.
     */
    private void stored(Upload.Received file) {
        try {
            files.storeBlob(file.file(), file.sha256());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot store the uploaded model file: " + e.getMessage(), e);
        }
    }

    private Optional<Deployed> replay(RegistryTables t, String owner, String key, String requestSha256, String call)
            throws SQLException {
        if (key.isEmpty()) {
            return Optional.empty();
        }
        Optional<RegistryTables.PriorRequest> prior = t.request(owner, key);
        if (prior.isEmpty()) {
            return Optional.empty();
        }
        if (!prior.get().requestSha256().equals(requestSha256)) {
            throw new ServiceException(io.grpc.Status.Code.ALREADY_EXISTS, "idempotency key '" + key + "' was used"
                    + " with another " + call + " request; use a new key for a new upload");
        }
        ModelRecord m = t.model(prior.get().modelId(), false).orElseThrow();
        VersionRecord v = t.version(prior.get().modelId(), prior.get().version()).orElseThrow();
        return Optional.of(new Deployed(m, v));
    }

    private static void remember(RegistryTables t, String owner, String key, String requestSha256, String modelId,
            long version) throws SQLException {
        if (!key.isEmpty()) {
            t.saveRequest(owner, key, requestSha256, modelId, version);
        }
    }

    private static ModelRecord owned(RegistryTables t, String owner, String modelId, boolean forUpdate)
            throws SQLException {
        ModelRecord m = t.model(modelId, forUpdate).orElseThrow(() -> noSuchModel(modelId));
        if (!m.owner().equals(owner)) {
            throw ServiceException.denied("model " + modelId + " belongs to another developer; only its owner"
                    + " changes it");
        }
        return m;
    }

    private static VersionRecord pending(String modelId, long version, String fileSha256, UpgradeHeader spec,
            boolean activate, String notes, Instant now) {
        return new VersionRecord(modelId, version, VersionStatus.PENDING, "waiting to be built", fileSha256, spec,
                spec.getServing(), activate, "", "", 0, 0, 0, notes, now, null);
    }

    private static ModelRecord withActive(ModelRecord m, long active) {
        return new ModelRecord(m.modelId(), m.owner(), m.name(), m.description(), active, m.retired(), m.pricing(),
                m.access(), m.createdAt());
    }

    static String describe(VersionRecord v) {
        String status = v.status().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return v.statusMessage().isEmpty() ? status : status + " (" + v.statusMessage() + ")";
    }

    /** The rules as stored: checked, and canonical (an unset mode is private, as the API says). */
    private static AccessPolicy normalized(AccessPolicy access) {
        return ModelAccess.fromProto(access).toProto();
    }

    private String newModelId() {
        StringBuilder id = new StringBuilder("mdl_");
        for (int i = 0; i < 16; i++) {
            id.append(ID_ALPHABET[random.nextInt(ID_ALPHABET.length)]);
        }
        return id.toString();
    }
}
