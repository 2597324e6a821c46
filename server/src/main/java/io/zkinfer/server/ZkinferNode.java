package io.zkinfer.server;

import io.grpc.BindableService;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.zkinfer.server.billing.Billing;
import io.zkinfer.server.billing.PriceList;
import io.zkinfer.server.grpc.DiagnosticsGrpcService;
import io.zkinfer.server.grpc.InferenceGrpcService;
import io.zkinfer.server.grpc.ModelGrpcService;
import io.zkinfer.server.grpc.VerificationGrpcService;
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
import io.zkinfer.server.runtime.InferenceRuntime;
import io.zkinfer.server.runtime.ModelCache;
import io.zkinfer.server.runtime.ProofJobs;
import io.zkinfer.server.runtime.ServingModel;
import io.zkinfer.server.store.LedgerStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

    private final NodeConfig config;
    private final LedgerStore store;
    private final ModelRegistry registry;
    private final VersionBuilder builder;
    private final Billing billing;
    private final ProofJobs jobs;
    private final ModelCache cache;
    private final InferenceRuntime runtime;
    private final NodeMetrics metrics = new NodeMetrics();
    private final NodeHealth health = new NodeHealth();
    private final MetricsServer metricsServer;
    private final Server server;

    private ZkinferNode(NodeConfig config, List<ServerInterceptor> interceptors,
            InferenceRuntime.AccessGate access) throws IOException {
        this.config = config;
        Files.createDirectories(config.dataDir());
        Clock clock = Clock.systemUTC();
        this.store = LedgerStore.open(config.databaseUrl());
        PriceList prices = new PriceList();
        this.billing = new Billing(store, prices, NodeKeys.receiptSigner(config.dataDir()));
        this.registry = new ModelRegistry(store.database(), new ModelFiles(config.dataDir().resolve("models")),
                clock, (id, owner, pricing) -> NodePricing.policy(id, owner, pricing));
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
            prices.set(NodePricing.policy(model.modelId(), model.owner(), model.pricing()));
            if (model.retired()) {
                cache.unload(model.modelId());
            }
        };
        this.builder = new VersionBuilder(registry, clock, config.maxConstraints());
        registry.attach(builder, listener);
        for (ModelRecord m : allModels()) {
            listener.modelChanged(m);
        }
        this.jobs = new ProofJobs(billing, clock, config.maxProofQueue(), metrics);
        metrics.proofQueueDepth(jobs::queueDepth);
        this.runtime = new InferenceRuntime(registry, cache, billing, jobs, access, config.holdTimeout(), metrics);
        List<BindableService> services = List.of(new ModelGrpcService(registry, config.maxModelBytes()),
                new InferenceGrpcService(runtime), new VerificationGrpcService(registry),
                new DiagnosticsGrpcService(registry, cache, metrics, clock, config.maxConstraints()));
        ServerBuilder<?> sb = config.inProcessName() != null
                ? InProcessServerBuilder.forName(config.inProcessName())
                : Grpc.newServerBuilderForPort(config.port(), InsecureServerCredentials.create());
        for (BindableService s : services) {
            sb.addService(ServerInterceptors.intercept(s, interceptors));
        }
        sb.addService(health.service()).addService(ProtoReflectionServiceV1.newInstance());
        sb.intercept(new RequestLogInterceptor(metrics));
        this.server = sb.build().start();
        this.metricsServer = config.metricsPort() < 0 ? null
                : MetricsServer.start(config.host(), config.metricsPort(), metrics);
        health.markAllServing();
        int resumed = builder.resumeUnfinished();
        LOG.info("zkinfer node serving on {} (database {}, {} unfinished builds resumed)",
                config.inProcessName() != null ? "in-process:" + config.inProcessName() : config.host() + ":"
                        + server.getPort(), config.jdbcUrl() == null ? "SQLite in the data directory" : "configured",
                resumed);
    }

    /**
     * Starts a node; {@code interceptors} run on every call of the zkinfer services after the node's request log
     * (the first in the list runs last), {@code access}
     * decides who may call a model.
     */
    public static ZkinferNode start(NodeConfig config, List<ServerInterceptor> interceptors,
            InferenceRuntime.AccessGate access) throws IOException {
        return new ZkinferNode(config, interceptors, access);
    }

    /** The gRPC port (when serving on one). */
    public int port() {
        return server.getPort();
    }

    public ModelRegistry registry() {
        return registry;
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

    private ServingModel load(VersionRecord version) {
        IOException last = null;
        for (int attempt = 1; attempt <= LOAD_ATTEMPTS; attempt++) {
            try {
                return ServingModel.load(version, registry.files().versionDirectory(version.modelId(),
                        version.version()));
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
        server.shutdown();
        if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
            server.shutdownNow();
        }
        jobs.close();
        builder.close();
        if (metricsServer != null) {
            metricsServer.close();
        }
        store.close();
    }
}
