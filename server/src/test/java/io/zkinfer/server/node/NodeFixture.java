package io.zkinfer.server.node;

import io.grpc.Channel;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.zkinfer.api.ApiMetadata;
import io.zkinfer.api.ModelUploads;
import io.zkinfer.api.v1.AccessMode;
import io.zkinfer.api.v1.AccessPolicy;
import io.zkinfer.api.v1.BillingServiceGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.zkinfer.api.v1.DType;
import io.zkinfer.api.v1.DeployHeader;
import io.zkinfer.api.v1.DeployResponse;
import io.zkinfer.api.v1.GetModelRequest;
import io.zkinfer.api.v1.InferenceServiceGrpc;
import io.zkinfer.api.v1.Model;
import io.zkinfer.api.v1.ModelServiceGrpc;
import io.zkinfer.api.v1.ModelVersion;
import io.zkinfer.api.v1.Pricing;
import io.zkinfer.api.v1.Tensor;
import io.zkinfer.api.v1.UpgradeHeader;
import io.zkinfer.api.v1.VerificationServiceGrpc;
import io.zkinfer.api.v1.VersionStatus;
import io.zkinfer.server.NodeConfig;
import io.zkinfer.server.ZkinferNode;
import io.zkinfer.server.billing.Money;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A node on a fresh data directory, serving in-process or over TCP on the loopback interface ({@link Transport}),
 * with stubs that call it as a named account.
 */
final class NodeFixture implements AutoCloseable {

    /** How the stubs reach the node. */
    enum Transport {
        /** gRPC's in-process transport: no sockets, calls run on the caller's thread. */
        IN_PROCESS,
        /** HTTP/2 over TCP to 127.0.0.1 on a free port, as remote clients call. */
        LOOPBACK
    }

    static final String DEVELOPER = "dev-ann";
    static final String CLIENT = "client-bob";
    static final String OPERATOR = "op-carol";
    /** 0.002 ZKC per call. */
    static final long PRICE_MINOR = 2_000;

    final ZkinferNode node;
    private final String name = "node-" + UUID.randomUUID();
    private final Transport transport;
    private final ClientInterceptor observer;
    private final Map<String, String> keys = new HashMap<>();
    private ManagedChannel managedChannel;
    private Channel channel;

    NodeFixture(Path dataDir) throws IOException {
        this(dataDir, null);
    }

    /** A node on the database {@code jdbcUrl} (null: SQLite in the data directory). */
    NodeFixture(Path dataDir, String jdbcUrl) throws IOException {
        this(dataDir, jdbcUrl, Transport.IN_PROCESS, null);
    }

    /**
     * A node on the database {@code jdbcUrl} (null: SQLite) reached through {@code transport}; every call of the
     * stubs also passes {@code observer} (null: none).
     */
    NodeFixture(Path dataDir, String jdbcUrl, Transport transport, ClientInterceptor observer) throws IOException {
        NodeConfig config = NodeConfig.defaults(dataDir).withJdbcUrl(jdbcUrl);
        this.node = ZkinferNode.start(transport == Transport.IN_PROCESS ? config.inProcess(name)
                : config.withPorts("127.0.0.1", 0, -1));
        this.transport = transport;
        this.observer = observer;
    }

    ModelServiceGrpc.ModelServiceBlockingStub models(String account) {
        return ModelServiceGrpc.newBlockingStub(channel()).withInterceptors(as(account));
    }

    ModelServiceGrpc.ModelServiceStub modelsAsync(String account) {
        return ModelServiceGrpc.newStub(channel()).withInterceptors(as(account));
    }

    BillingServiceGrpc.BillingServiceBlockingStub billing(String account) {
        return BillingServiceGrpc.newBlockingStub(channel()).withInterceptors(as(account));
    }

    InferenceServiceGrpc.InferenceServiceBlockingStub inference(String account) {
        return InferenceServiceGrpc.newBlockingStub(channel()).withInterceptors(as(account));
    }

    InferenceServiceGrpc.InferenceServiceStub inferenceAsync(String account) {
        return InferenceServiceGrpc.newStub(channel()).withInterceptors(as(account));
    }

    VerificationServiceGrpc.VerificationServiceBlockingStub verification(String account) {
        return VerificationServiceGrpc.newBlockingStub(channel()).withInterceptors(as(account));
    }

    /** Calls carry the API key of {@code account} ({@link #apiKey}). */
    ClientInterceptor as(String account) {
        return bearer(apiKey(account));
    }

    /** The API key of {@code account}, issued on first use (an operator's when it starts with op-). */
    synchronized String apiKey(String account) {
        return keys.computeIfAbsent(account, a -> node.apiKeys().issue(a, a.startsWith("op-"), "test").plaintext());
    }

    io.zkinfer.api.v1.DiagnosticsServiceGrpc.DiagnosticsServiceBlockingStub diagnostics(String account) {
        return io.zkinfer.api.v1.DiagnosticsServiceGrpc.newBlockingStub(channel())
                .withInterceptors(as(account));
    }

    /** The fixture's channel, its calls carrying {@code apiKey} (a key the node may not know). */
    Channel channelWithKey(String apiKey) {
        return ClientInterceptors.intercept(channel(), bearer(apiKey));
    }

    private static ClientInterceptor bearer(String apiKey) {
        Metadata headers = new Metadata();
        headers.put(ApiMetadata.AUTHORIZATION, ApiMetadata.bearer(apiKey));
        return MetadataUtils.newAttachHeadersInterceptor(headers);
    }

    private synchronized Channel channel() {
        if (channel == null) {
            managedChannel = transport == Transport.IN_PROCESS
                    ? InProcessChannelBuilder.forName(name).directExecutor().build()
                    : Grpc.newChannelBuilderForAddress("127.0.0.1", node.port(), InsecureChannelCredentials.create())
                            .build();
            channel = observer == null ? managedChannel : ClientInterceptors.intercept(managedChannel, observer);
        }
        return channel;
    }

    static byte[] mnistMlp() throws IOException {
        try (InputStream in = NodeFixture.class.getResourceAsStream("/mnist/mlp.onnx")) {
            return in.readAllBytes();
        }
    }

    static DeployHeader mlpHeader(String name) {
        return DeployHeader.newBuilder().setName(name).setDescription("MNIST perceptron")
                .setPricing(Pricing.newBuilder().setBasePrice(io.zkinfer.api.v1.Money.newBuilder()
                        .setMinorUnits(PRICE_MINOR).setCurrency("ZKC")))
                .setAccess(AccessPolicy.newBuilder().setMode(AccessMode.ACCESS_MODE_PUBLIC))
                .build();
    }

    /** Deploys {@code bytes} under {@code header} as {@code account}; the answer, or the refusal as a status. */
    DeployResponse deploy(String account, DeployHeader header, byte[] bytes) throws IOException {
        return ModelUploads.deploy(modelsAsync(account), header, new ByteArrayInputStream(bytes),
                Duration.ofSeconds(60));
    }

    /** Uploads a new version as {@code account}. */
    DeployResponse upgrade(String account, UpgradeHeader header, byte[] bytes) throws IOException {
        return ModelUploads.upgrade(modelsAsync(account), header, new ByteArrayInputStream(bytes),
                Duration.ofSeconds(60));
    }

    /** Waits until version {@code version} of the model leaves its build; the model then. */
    Model awaitBuilt(String account, String modelId, long version) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            Model m = models(account).getModel(GetModelRequest.newBuilder().setModelId(modelId)
                    .setIncludeVersions(true).build());
            for (ModelVersion v : m.getVersionsList()) {
                if (v.getRef().getVersion() == version && v.getStatus() != VersionStatus.VERSION_STATUS_PENDING
                        && v.getStatus() != VersionStatus.VERSION_STATUS_COMPILING
                        && v.getStatus() != VersionStatus.VERSION_STATUS_SETTING_UP) {
                    return m;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("version " + version + " of " + modelId + " did not finish building in 3 minutes");
    }

    /** A [1, 784] digit-like input: a bright diagonal stroke on a dark background, shifted by {@code shift}. */
    static Tensor digit(int shift) {
        Tensor.Builder t = Tensor.newBuilder().setName("input").addShape(1).addShape(784)
                .setDtype(DType.DTYPE_FLOAT32);
        for (int i = 0; i < 784; i++) {
            int row = i / 28;
            int col = i % 28;
            t.addFloatValues(Math.abs(row - col - shift) < 2 && row > 4 && row < 24 ? 0.9f : 0f);
        }
        return t.build();
    }

    Money available(String account) {
        return node.billing().balance(io.zkinfer.server.billing.LedgerAccount.clientAvailable(account),
                io.zkinfer.server.billing.Coin.ZKC);
    }

    @Override
    public void close() throws Exception {
        synchronized (this) {
            if (managedChannel != null) {
                managedChannel.shutdownNow();
            }
        }
        node.close();
    }
}
