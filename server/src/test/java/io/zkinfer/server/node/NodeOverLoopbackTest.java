package io.zkinfer.server.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import io.zkinfer.api.ZkinferClient;
import io.zkinfer.api.v1.BalanceRequest;
import io.zkinfer.api.v1.BillingServiceGrpc;
import io.zkinfer.api.v1.DiagnosticsServiceGrpc;
import io.zkinfer.api.v1.InferenceServiceGrpc;
import io.zkinfer.api.v1.ModelServiceGrpc;
import io.zkinfer.api.v1.VerificationServiceGrpc;
import io.zkinfer.server.NodeConfig;
import io.zkinfer.server.ZkinferNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node over loopback TCP as a deployment sees it: standard health and reflection answer without a key and list
 * the five zkinfer services, every zkinfer RPC wants a key, and the Prometheus endpoint counts the calls.
 */
class NodeOverLoopbackTest {

    private static final List<String> SERVICES = List.of(ModelServiceGrpc.SERVICE_NAME,
            InferenceServiceGrpc.SERVICE_NAME, VerificationServiceGrpc.SERVICE_NAME, BillingServiceGrpc.SERVICE_NAME,
            DiagnosticsServiceGrpc.SERVICE_NAME);

    @TempDir
    Path dir;

    @Test
    void healthReflectionKeysAndMetrics() throws Exception {
        try (ZkinferNode node = ZkinferNode.start(NodeConfig.defaults(dir).withPorts("127.0.0.1", 0, 0))) {
            ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", node.port(),
                    InsecureChannelCredentials.create()).build();
            try {
                var health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
                assertEquals(HealthCheckResponse.ServingStatus.SERVING,
                        health.check(HealthCheckRequest.getDefaultInstance()).getStatus());
                for (String service : SERVICES) {
                    assertEquals(HealthCheckResponse.ServingStatus.SERVING, health.check(HealthCheckRequest
                            .newBuilder().setService(service).build()).getStatus(), service);
                }
                Set<String> listed = reflect(channel).getListServicesResponse().getServiceList().stream()
                        .map(ServiceResponse::getName).collect(Collectors.toSet());
                assertTrue(listed.containsAll(SERVICES), "reflection lists " + listed);

                StatusRuntimeException noKey = assertThrows(StatusRuntimeException.class, () -> BillingServiceGrpc
                        .newBlockingStub(channel).balance(BalanceRequest.getDefaultInstance()));
                assertEquals(Status.Code.UNAUTHENTICATED, noKey.getStatus().getCode());
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
            String key = node.apiKeys().issue("client-bob", false, "loopback").plaintext();
            try (ZkinferClient client = ZkinferClient.forTarget("127.0.0.1:" + node.port(), key)) {
                assertEquals("client-bob", client.billing().balance(BalanceRequest.getDefaultInstance())
                        .getAccountId());
            }
            HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + node.metricsPort() + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().contains("zkinfer_rpc_requests_total{code=\"OK\",method=\"Balance\""),
                    metrics.body());
            assertTrue(metrics.body().contains("code=\"UNAUTHENTICATED\""), "refused calls are counted too");
        }
    }

    @Test
    void aTakenPortFailsTheStartAndLeavesNothingRunning() throws Exception {
        try (ZkinferNode first = ZkinferNode.start(NodeConfig.defaults(dir.resolve("a"))
                .withPorts("127.0.0.1", 0, -1))) {
            NodeConfig clash = NodeConfig.defaults(dir.resolve("b")).withPorts("127.0.0.1", first.port(), -1);
            assertThrows(java.io.IOException.class, () -> ZkinferNode.start(clash));
            try (ZkinferNode again = ZkinferNode.start(clash.withPorts("127.0.0.1", 0, -1))) {
                assertTrue(again.port() > 0, "the same data directory starts once the port is free");
            }
        }
    }

    private static ServerReflectionResponse reflect(ManagedChannel channel) throws Exception {
        CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                .withDeadlineAfter(10, TimeUnit.SECONDS).serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse value) {
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
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        requests.onCompleted();
        return answer.get(10, TimeUnit.SECONDS);
    }
}
