package io.zkinfer.server.node;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.zkinfer.api.v1.DType;
import io.zkinfer.api.v1.DeployHeader;
import io.zkinfer.api.v1.DeployRequest;
import io.zkinfer.api.v1.DeployResponse;
import io.zkinfer.api.v1.GetModelRequest;
import io.zkinfer.api.v1.InferenceServiceGrpc;
import io.zkinfer.api.v1.Model;
import io.zkinfer.api.v1.ModelServiceGrpc;
import io.zkinfer.api.v1.ModelVersion;
import io.zkinfer.api.v1.Pricing;
import io.zkinfer.api.v1.Tensor;
import io.zkinfer.api.v1.VerificationServiceGrpc;
import io.zkinfer.api.v1.VersionStatus;
import io.zkinfer.server.NodeConfig;
import io.zkinfer.server.ZkinferNode;
import io.zkinfer.server.billing.Money;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A node serving in-process on a fresh data directory, with stubs that call it as a named account. */
final class NodeFixture implements AutoCloseable {

    static final String DEVELOPER = "dev-ann";
    static final String CLIENT = "client-bob";
    static final String OPERATOR = "op-carol";
    /** 0.002 ZKC per call. */
    static final long PRICE_MINOR = 2_000;

    final ZkinferNode node;
    private final String name = "node-" + UUID.randomUUID();
    private final List<ManagedChannel> channels = new java.util.ArrayList<>();

    NodeFixture(Path dataDir) throws IOException {
        node = ZkinferNode.start(NodeConfig.defaults(dataDir).inProcess(name), List.of(TestCallers.server()),
                (caller, model) -> { });
    }

    ModelServiceGrpc.ModelServiceBlockingStub models(String account) {
        return ModelServiceGrpc.newBlockingStub(channel()).withInterceptors(TestCallers.as(account));
    }

    ModelServiceGrpc.ModelServiceStub modelsAsync(String account) {
        return ModelServiceGrpc.newStub(channel()).withInterceptors(TestCallers.as(account));
    }

    InferenceServiceGrpc.InferenceServiceBlockingStub inference(String account) {
        return InferenceServiceGrpc.newBlockingStub(channel()).withInterceptors(TestCallers.as(account));
    }

    InferenceServiceGrpc.InferenceServiceStub inferenceAsync(String account) {
        return InferenceServiceGrpc.newStub(channel()).withInterceptors(TestCallers.as(account));
    }

    VerificationServiceGrpc.VerificationServiceBlockingStub verification(String account) {
        return VerificationServiceGrpc.newBlockingStub(channel()).withInterceptors(TestCallers.as(account));
    }

    io.zkinfer.api.v1.DiagnosticsServiceGrpc.DiagnosticsServiceBlockingStub diagnostics(String account) {
        return io.zkinfer.api.v1.DiagnosticsServiceGrpc.newBlockingStub(channel())
                .withInterceptors(TestCallers.as(account));
    }

    private synchronized ManagedChannel channel() {
        if (channels.isEmpty()) {
            channels.add(InProcessChannelBuilder.forName(name).directExecutor().build());
        }
        return channels.get(0);
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
                .build();
    }

    /** Streams {@code header} then {@code bytes} in 64 KiB chunks; the answer, or the failure it ended with. */
    DeployResponse deploy(String account, DeployHeader header, byte[] bytes) throws Exception {
        CompletableFuture<DeployResponse> answer = new CompletableFuture<>();
        StreamObserver<DeployRequest> up = modelsAsync(account).deploy(new StreamObserver<>() {
            @Override
            public void onNext(DeployResponse value) {
                answer.complete(value);
            }

            @Override
            public void onError(Throwable t) {
                answer.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
            }
        });
        up.onNext(DeployRequest.newBuilder().setHeader(header).build());
        for (int at = 0; at < bytes.length; at += 65536) {
            up.onNext(DeployRequest.newBuilder().setChunk(ByteString.copyFrom(bytes, at,
                    Math.min(65536, bytes.length - at))).build());
        }
        up.onCompleted();
        try {
            return answer.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw (Exception) e.getCause();
        }
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
        channels.forEach(ManagedChannel::shutdownNow);
        node.close();
    }
}
