package io.zkinfer.server;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.zkinfer.server.access.ApiKeys;
import io.zkinfer.server.access.AuthInterceptor;
import io.zkinfer.server.access.ModelAccess;
import io.zkinfer.server.access.PlanKind;
import io.zkinfer.server.access.RateLimiter;
import io.zkinfer.server.access.Caller;
import io.zkinfer.server.billing.AccountReports;
import io.zkinfer.server.billing.Billing;
import io.zkinfer.server.billing.Money;
import io.zkinfer.server.billing.Plan;
import io.zkinfer.server.billing.PlanCatalog;
import io.zkinfer.server.billing.PriceList;
import io.zkinfer.server.grpc.BillingGrpcService;
import io.zkinfer.server.grpc.DiagnosticsGrpcService;
import io.zkinfer.server.grpc.InferenceGrpcService;
import io.zkinfer.server.grpc.PricingProtos;
import io.zkinfer.server.grpc.ServiceException;
import io.zkinfer.server.grpc.ModelGrpcService;
import io.zkinfer.server.grpc.VerificationGrpcService;
import io.zkinfer.server.grpc.WorkerHandoff;
import io.zkinfer.server.observe.MetricsServer;
import io.zkinfer.server.observe.NodeHealth;
import io.zkinfer.server.observe.NodeMetrics;
import io.zkinfer.server.observe.RequestLogInterceptor;
import io.zkinfer.server.registry.ModelFiles;
import io.zkinfer.server.registry.ModelRecord;
import io.zkinfer.server.registry.ModelRegistry;
import io.zkinfer.server.registry.RegistryListener;
import io.zkinfer.server.registry.VersionBuilder;
import io.zkinfer.server.registry.VersionRecord;
import io.zkinfer.server.runtime.Batcher;
import io.zkinfer.server.runtime.Demand;
import io.zkinfer.server.runtime.InferenceRuntime;
import io.zkinfer.server.runtime.ModelLimits;
import io.zkinfer.server.runtime.ModelCache;
import io.zkinfer.server.runtime.ProofJobs;
import io.zkinfer.server.runtime.ServingModel;
import io.zkinfer.server.store.LedgerStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One zkinfer node: the database (ledger and registry), the model store and builder, the runtime with its hot-model
 * cache and proof jobs, billing with the node's receipt key, and the gRPC server that serves them. Built from a
 * {@link NodeConfig}; {@link #close} stops taking calls, lets running calls finish briefly, and closes the rest.
 */
public final class ZkinferNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ZkinferNode.class);
    private static final int LOAD_ATTEMPTS = 3;
    /** Calls of one model that run at once when its version sets no limit. */
    private static final int DEFAULT_MODEL_CONCURRENCY = 4 * Runtime.getRuntime().availableProcessors();
    /** The longest one inference may take (and wait for a turn) when its version sets no timeout. */
    private static final Duration DEFAULT_INFERENCE_TIMEOUT = Duration.ofSeconds(30);
    /** The monthly plan a client may subscribe to: 10 ZKC for 10,000 calls. */
    private static final Plan.Subscription DEFAULT_MONTHLY = new Plan.Subscription(Money.zkc(10_000_000), 10_000);
    /** How often the node releases holds whose deadline passed (a proven call whose job never ran). */
    private static final Duration HOLD_SWEEP = Duration.ofSeconds(30);

    private final NodeConfig config;
    private final LedgerStore store;
    private final ModelRegistry registry;
    private final VersionBuilder builder;
    private final Billing billing;
    private final ProofJobs jobs;
    private final Batcher batcher;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            r -> daemon(r, "zkinfer-hold-sweep"));
    private final AtomicInteger workersStarted = new AtomicInteger();
    /** The threads that run the gRPC calls (see {@link WorkerHandoff}); created as calls need them. */
    private final ExecutorService workers = Executors.newCachedThreadPool(
            r -> daemon(r, "zkinfer-rpc-" + workersStarted.incrementAndGet()));
    private final ApiKeys apiKeys;
    private final ModelCache cache;
    private final InferenceRuntime runtime;
    private final NodeMetrics metrics = new NodeMetrics();
    private final NodeHealth health = new NodeHealth();
    private final MetricsServer metricsServer;
    private final Server server;

    private ZkinferNode(NodeConfig config) throws IOException {
        this.config = config;
        Files.createDirectories(config.dataDir());
        Clock clock = Clock.systemUTC();
        this.store = LedgerStore.open(config.databaseUrl());
        PriceList prices = new PriceList();
        this.billing = new Billing(store, prices, NodeKeys.receiptSigner(config.dataDir()));
        this.registry = new ModelRegistry(store.database(), new ModelFiles(config.dataDir().resolve("models")),
                clock, PricingProtos::policy);
        this.cache = new ModelCache(config.cacheBytes(), this::load, new ModelCache.CacheListener() {
            @Override
            public void hit(String modelId) {
                metrics.cacheHit(modelId);
            }

            @Override
            public void miss(String modelId) {
                metrics.cacheMiss(modelId);
            }
        });
        RegistryListener listener = model -> {
            prices.set(PricingProtos.policy(model.modelId(), model.owner(), model.pricing()));
            if (model.retired()) {
                cache.unload(model.modelId());
            }
        };
        this.builder = new VersionBuilder(registry, clock, config.maxConstraints());
        registry.attach(builder, listener);
        for (ModelRecord m : allModels()) {
            listener.modelChanged(m);
        }
        this.apiKeys = new ApiKeys(store.database());
        RateLimiter limiter = new RateLimiter();
        Function<String, PlanKind> plans = account -> PlanKind.of(billing.plan(account));
        InferenceRuntime.AccessGate access = (caller, model) -> ModelAccess.fromProto(model.access()).admit(
                model.modelId(), caller, model.owner(), () -> plans.apply(caller.accountId()), limiter,
                config.keyRateLimit());
        ServerInterceptor auth = new AuthInterceptor(apiKeys, limiter, config.keyRateLimit());
        this.jobs = new ProofJobs(store.database(), billing, registry, cache::get, clock, config.maxProofQueue(),
                config.proofLease(), config.holdTimeout(), metrics);
        metrics.proofQueueDepth(jobs::queueDepth);
        this.batcher = new Batcher(metrics);
        Demand demand = new Demand(jobs::queueDepth, config.maxProofQueue());
        this.runtime = new InferenceRuntime(registry, cache, billing, jobs, access, config.holdTimeout(), metrics,
                new ModelLimits(DEFAULT_MODEL_CONCURRENCY, DEFAULT_INFERENCE_TIMEOUT), batcher, demand);
        List<BindableService> services = List.of(new ModelGrpcService(registry, config.maxModelBytes(), plans),
                new InferenceGrpcService(runtime), new VerificationGrpcService(registry),
                new BillingGrpcService(billing, new AccountReports(store, clock, Plan.Free.DEFAULT),
                        new PlanCatalog(Plan.Free.DEFAULT, DEFAULT_MONTHLY), this::servingVersion,
                        account -> !apiKeys.list(account).isEmpty(), demand),
                new DiagnosticsGrpcService(registry, cache, metrics, clock, config.maxConstraints(), plans));
        ServerBuilder<?> sb = config.inProcessName() != null
                ? InProcessServerBuilder.forName(config.inProcessName())
                : NettyServerBuilder.forAddress(new InetSocketAddress(config.host(), config.port()),
                        config.tls().serverCredentials());
        for (BindableService s : services) {
            sb.addService(ServerInterceptors.intercept(s, auth));
        }
        sb.addService(health.service()).addService(ProtoReflectionServiceV1.newInstance());
        sb.intercept(new RequestLogInterceptor(metrics));
        // gRPC's callbacks stay on the network threads; the hand-off, added last so that it runs first, moves each
        // call (the request log and every other interceptor included) onto a worker
        sb.directExecutor().intercept(new WorkerHandoff(workers));
        try {
            this.server = sb.build().start();
            this.metricsServer = config.metricsPort() < 0 ? null
                    : MetricsServer.start(config.host(), config.metricsPort(), metrics);
        } catch (IOException | RuntimeException e) {
            closeQuietly(e);
            throw e;
        }
        health.markAllServing();
        int resumed = builder.resumeUnfinished();
        jobs.start();
        sweeper.scheduleWithFixedDelay(this::sweepBilling, HOLD_SWEEP.toSeconds(), HOLD_SWEEP.toSeconds(),
                TimeUnit.SECONDS);
        LOG.info("zkinfer node serving on {} (database {}, {} unfinished builds resumed)",
                config.inProcessName() != null ? "in-process:" + config.inProcessName() : config.host() + ":"
                        + server.getPort(), config.jdbcUrl() == null ? "SQLite in the data directory" : "configured",
                resumed);
    }

    /** Starts a node as {@code config} says. */
    public static ZkinferNode start(NodeConfig config) throws IOException {
        return new ZkinferNode(config);
    }

    /** The gRPC port (when serving on one). */
    public int port() {
        return server.getPort();
    }

    public ModelRegistry registry() {
        return registry;
    }

    /** The node's API keys (an operator issues and revokes them). */
    public ApiKeys apiKeys() {
        return apiKeys;
    }

    public Billing billing() {
        return billing;
    }

    public InferenceRuntime runtime() {
        return runtime;
    }

    public NodeMetrics metrics() {
        return metrics;
    }

    /** The Prometheus endpoint's port; -1 when the node exports no metrics over HTTP. */
    public int metricsPort() {
        return metricsServer == null ? -1 : metricsServer.port();
    }

    public NodeConfig config() {
        return config;
    }

    private List<ModelRecord> allModels() {
        List<ModelRecord> all = new ArrayList<>();
        long from = Long.MIN_VALUE;
        String fromId = "";
        while (true) {
            List<ModelRecord> page = registry.list(from, fromId, 500);
            all.addAll(page);
            if (page.size() < 500) {
                return all;
            }
            ModelRecord last = page.get(page.size() - 1);
            from = last.createdAt().toEpochMilli();
            fromId = last.modelId() + "\0";
        }
    }

    /** The version a call by {@code caller} would run (NOT_FOUND as empty; PERMISSION_DENIED when not admitted). */
    private OptionalLong servingVersion(Caller caller, String modelId, long version) {
        ModelRecord model;
        try {
            model = registry.model(modelId);
        } catch (ServiceException e) {
            return OptionalLong.empty();
        }
        ModelAccess.fromProto(model.access()).check(modelId, caller, model.owner(),
                () -> PlanKind.of(billing.plan(caller.accountId())));
        long wanted = version == 0 ? model.activeVersion() : version;
        if (wanted == 0) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(registry.version(modelId, wanted).version());
        } catch (ServiceException e) {
            return OptionalLong.empty();
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        return t;
    }

    /** Undoes a start that failed (a taken port): nothing of the node is left running. */
    private void closeQuietly(Exception cause) {
        try {
            if (server != null) {
                server.shutdownNow();
            }
            workers.shutdown();
            jobs.close();
            batcher.close();
            builder.close();
            store.close();
        } catch (InterruptedException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /** Releases the holds past their deadline and forgets long-expired quotes. */
    private void sweepBilling() {
        try {
            int released = billing.releaseExpiredHolds();
            if (released > 0) {
                LOG.info("released {} holds past their deadline", released);
            }
            billing.quotes().forgetExpired();
        } catch (RuntimeException e) {
            LOG.warn("the billing sweep (expired holds and quotes) failed: {}", e.getMessage());
        }
    }

    private ServingModel load(VersionRecord version) {
        IOException last = null;
        for (int attempt = 1; attempt <= LOAD_ATTEMPTS; attempt++) {
            try {
                return ServingModel.load(version, registry.files().versionDirectory(version.modelId(),
                        version.version()), registry.files().blob(version.fileSha256()));
            } catch (IOException e) {
                last = e;
                LOG.warn("loading {} failed (attempt {} of {}): {}", version.label(), attempt, LOAD_ATTEMPTS,
                        e.getMessage());
            }
        }
        throw new UncheckedIOException("cannot load " + version.label() + " after " + LOAD_ATTEMPTS + " attempts: "
                + last.getMessage(), last);
    }

    @Override
    public void close() throws InterruptedException {
        health.enterDrain();
        sweeper.shutdownNow();
        server.shutdown();
        if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
            server.shutdownNow();
        }
        workers.shutdown();
        if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
            LOG.warn("calls still running after 5 s are interrupted");
            workers.shutdownNow();
        }
        jobs.close();
        batcher.close();
        builder.close();
        if (metricsServer != null) {
            metricsServer.close();
        }
        store.close();
    }
}
