package io.zkinfer.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.zkinfer.api.v1.BalanceRequest;
import io.zkinfer.api.v1.BalanceResponse;
import io.zkinfer.api.v1.BillingServiceGrpc;
import io.zkinfer.api.v1.CheckModelHealthRequest;
import io.zkinfer.api.v1.DiagnosticsServiceGrpc;
import io.zkinfer.api.v1.GetModelRequest;
import io.zkinfer.api.v1.HealthState;
import io.zkinfer.api.v1.InferRequest;
import io.zkinfer.api.v1.InferResponse;
import io.zkinfer.api.v1.InferenceServiceGrpc;
import io.zkinfer.api.v1.Model;
import io.zkinfer.api.v1.ModelHealth;
import io.zkinfer.api.v1.ModelRef;
import io.zkinfer.api.v1.ModelServiceGrpc;
import io.zkinfer.api.v1.Money;
import io.zkinfer.api.v1.ProofJob;
import io.zkinfer.api.v1.ProofJobState;
import io.zkinfer.api.v1.VerificationServiceGrpc;
import io.zkinfer.api.v1.VerifyRequest;
import io.zkinfer.api.v1.VerifyResponse;
import io.zkinfer.api.v1.WaitProofJobRequest;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against an in-process server with a fake for one RPC per service: every call
 * carries the API key in {@code authorization} and unary calls carry the default deadline, as a
 * server interceptor and the handlers see them.
 */
class ZkinferClientTest {

    private static final String KEY = "zk_test_0123456789abcdef";

    /** What the server saw, per full method name. */
    private final Map<String, String> keys = new ConcurrentHashMap<>();
    private final Map<String, Deadline> deadlines = new ConcurrentHashMap<>();

    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        String name = InProcessServerBuilder.generateName();
        ServerInterceptor auth = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                    ServerCallHandler<Q, R> next) {
                String method = call.getMethodDescriptor().getFullMethodName();
                var key = ApiMetadata.apiKey(headers);
                if (key.isEmpty()) {
                    call.close(Status.UNAUTHENTICATED.withDescription("no API key"), new Metadata());
                    return new ServerCall.Listener<>() { };
                }
                keys.put(method, key.get());
                Deadline deadline = Context.current().getDeadline();
                if (deadline != null) {
                    deadlines.put(method, deadline);
                }
                return next.startCall(call, headers);
            }
        };
        server = InProcessServerBuilder.forName(name).directExecutor()
                .addService(ServerInterceptors.intercept(new FakeModels(), auth))
                .addService(ServerInterceptors.intercept(new FakeInference(), auth))
                .addService(ServerInterceptors.intercept(new FakeVerification(), auth))
                .addService(ServerInterceptors.intercept(new FakeBilling(), auth))
                .addService(ServerInterceptors.intercept(new FakeDiagnostics(), auth))
                .build().start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void everyServiceGetsTheKeyAndTheDefaultDeadline() {
        ZkinferClient client = ZkinferClient.over(channel, KEY, Duration.ofSeconds(7));
        ModelRef ref = ModelRef.newBuilder().setModelId("ab12").build();
        assertEquals("ab12", client.models().getModel(GetModelRequest.newBuilder().setModelId("ab12").build())
                .getModelId());
        assertEquals(ref, client.inference().infer(InferRequest.newBuilder().setModel(ref).build()).getModel());
        assertTrue(client.verification().verify(VerifyRequest.getDefaultInstance()).getValid());
        assertEquals(42, client.billing().balance(BalanceRequest.getDefaultInstance()).getAvailable().getMinorUnits());
        assertEquals(HealthState.HEALTH_STATE_SERVING,
                client.diagnostics().checkModelHealth(CheckModelHealthRequest.getDefaultInstance()).getState());

        assertEquals(Map.of(
                "zkinfer.v1.ModelService/GetModel", KEY,
                "zkinfer.v1.InferenceService/Infer", KEY,
                "zkinfer.v1.VerificationService/Verify", KEY,
                "zkinfer.v1.BillingService/Balance", KEY,
                "zkinfer.v1.DiagnosticsService/CheckModelHealth", KEY), keys);
        assertEquals(keys.keySet(), deadlines.keySet(), "every unary call has a deadline");
        for (var e : deadlines.entrySet()) {
            long left = e.getValue().timeRemaining(TimeUnit.MILLISECONDS);
            assertTrue(left > 5_000 && left <= 7_000, e.getKey() + " deadline in " + left + " ms, expected about 7 s");
        }
    }

    @Test
    void aStubDeadlineWinsOverTheDefault() {
        ZkinferClient client = ZkinferClient.over(channel, KEY, Duration.ofSeconds(7));
        client.verification().withDeadlineAfter(60, TimeUnit.SECONDS).verify(VerifyRequest.getDefaultInstance());
        long left = deadlines.get("zkinfer.v1.VerificationService/Verify").timeRemaining(TimeUnit.SECONDS);
        assertTrue(left > 50, "deadline in " + left + " s, expected about 60 s");
    }

    @Test
    void streamingCallsCarryTheKeyButNoDefaultDeadline() {
        ZkinferClient client = ZkinferClient.over(channel, KEY, Duration.ofSeconds(7));
        Iterator<ProofJob> updates = client.inference().waitProofJob(
                WaitProofJobRequest.newBuilder().setJobId("job-1").build());
        assertEquals(ProofJobState.PROOF_JOB_STATE_QUEUED, updates.next().getState());
        assertEquals(ProofJobState.PROOF_JOB_STATE_SUCCEEDED, updates.next().getState());
        assertFalse(updates.hasNext());
        assertEquals(KEY, keys.get("zkinfer.v1.InferenceService/WaitProofJob"));
        assertNull(deadlines.get("zkinfer.v1.InferenceService/WaitProofJob"));
    }

    @Test
    void withoutAKeyTheServerSaysUnauthenticated() {
        var bare = VerificationServiceGrpc.newBlockingStub(channel);
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> bare.verify(VerifyRequest.getDefaultInstance()));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
    }

    @Test
    void keysThatMetadataCannotCarryAreRefusedUpFront() {
        assertThrows(IllegalArgumentException.class, () -> ZkinferClient.over(channel, " ", Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class,
                () -> ZkinferClient.over(channel, "has space", Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> ZkinferClient.over(channel, KEY, Duration.ZERO));
    }

    @Test
    void theServerSideReadsEitherHeader() {
        Metadata bearer = new Metadata();
        bearer.put(ApiMetadata.AUTHORIZATION, "bearer  k1 ");
        assertEquals("k1", ApiMetadata.apiKey(bearer).orElseThrow());
        Metadata apiKey = new Metadata();
        apiKey.put(ApiMetadata.API_KEY, "k2");
        assertEquals("k2", ApiMetadata.apiKey(apiKey).orElseThrow());
        Metadata basic = new Metadata();
        basic.put(ApiMetadata.AUTHORIZATION, "Basic dXNlcjpwdw==");
        assertTrue(ApiMetadata.apiKey(basic).isEmpty());
    }

    @Test
    void aClientBuiltFromATargetOwnsAndClosesItsChannel() {
        try (ZkinferClient client = ZkinferClient.forTarget("localhost:1", KEY)) {
            assertTrue(client.channel().authority().startsWith("localhost"));
        }
    }

    private static final class FakeModels extends ModelServiceGrpc.ModelServiceImplBase {
        @Override
        public void getModel(GetModelRequest request, StreamObserver<Model> response) {
            response.onNext(Model.newBuilder().setModelId(request.getModelId()).build());
            response.onCompleted();
        }
    }

    private static final class FakeInference extends InferenceServiceGrpc.InferenceServiceImplBase {
        @Override
        public void infer(InferRequest request, StreamObserver<InferResponse> response) {
            response.onNext(InferResponse.newBuilder().setModel(request.getModel()).build());
            response.onCompleted();
        }

        @Override
        public void waitProofJob(WaitProofJobRequest request, StreamObserver<ProofJob> response) {
            ProofJob job = ProofJob.newBuilder().setJobId(request.getJobId()).build();
            response.onNext(job.toBuilder().setState(ProofJobState.PROOF_JOB_STATE_QUEUED).build());
            response.onNext(job.toBuilder().setState(ProofJobState.PROOF_JOB_STATE_SUCCEEDED).build());
            response.onCompleted();
        }
    }

    private static final class FakeVerification extends VerificationServiceGrpc.VerificationServiceImplBase {
        @Override
        public void verify(VerifyRequest request, StreamObserver<VerifyResponse> response) {
            response.onNext(VerifyResponse.newBuilder().setValid(true).build());
            response.onCompleted();
        }
    }

    private static final class FakeBilling extends BillingServiceGrpc.BillingServiceImplBase {
        @Override
        public void balance(BalanceRequest request, StreamObserver<BalanceResponse> response) {
            response.onNext(BalanceResponse.newBuilder()
                    .setAvailable(Money.newBuilder().setMinorUnits(42).setCurrency("ZKI")).build());
            response.onCompleted();
        }
    }

    private static final class FakeDiagnostics extends DiagnosticsServiceGrpc.DiagnosticsServiceImplBase {
        @Override
        public void checkModelHealth(CheckModelHealthRequest request, StreamObserver<ModelHealth> response) {
            response.onNext(ModelHealth.newBuilder().setState(HealthState.HEALTH_STATE_SERVING).build());
            response.onCompleted();
        }
    }
}
