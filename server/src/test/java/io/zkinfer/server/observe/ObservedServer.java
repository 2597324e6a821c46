package io.zkinfer.server.observe;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.zkinfer.api.v1.GetProofJobRequest;
import io.zkinfer.api.v1.InferRequest;
import io.zkinfer.api.v1.InferResponse;
import io.zkinfer.api.v1.InferenceServiceGrpc;
import io.zkinfer.api.v1.ProofJob;
import io.zkinfer.api.v1.SubmitProofRequest;
import io.zkinfer.api.v1.WaitProofJobRequest;
import org.slf4j.MDC;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An in-process node with the request log interceptor, the health service and a tiny InferenceService: Infer
 * succeeds, GetProofJob fails with INVALID_ARGUMENT, SubmitProof throws (a server bug), WaitProofJob never ends
 * until cancelled. A stand-in authentication interceptor names the account sent in {@code x-test-account}.
 */
final class ObservedServer implements AutoCloseable {

    static final Metadata.Key<String> ACCOUNT = Metadata.Key.of("x-test-account", Metadata.ASCII_STRING_MARSHALLER);

    final NodeMetrics metrics = new NodeMetrics();
    final NodeHealth health = new NodeHealth();
    final TestInferenceService service = new TestInferenceService();
    final ManagedChannel channel;
    private final Server server;

    ObservedServer() throws IOException {
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name).directExecutor()
                .addService(ServerInterceptors.intercept(service, new AccountFromHeader()))
                .addService(health.service())
                .intercept(new RequestLogInterceptor(metrics))
                .build().start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    }

    @Override
    public void close() {
        channel.shutdownNow();
        server.shutdownNow();
    }

    /** What the handler saw of the call it served last. */
    record Seen(String requestId, String mdcRequestId, String mdcRpc, String accountId) {
    }

    static final class TestInferenceService extends InferenceServiceGrpc.InferenceServiceImplBase {
        final AtomicReference<Seen> seen = new AtomicReference<>();
        final CountDownLatch waitStarted = new CountDownLatch(1);

        private void see() {
            CallRecord record = RequestIds.CONTEXT_KEY.get();
            seen.set(new Seen(RequestIds.current(), MDC.get("request_id"), MDC.get("rpc"),
                    record == null ? null : record.accountId));
        }

        @Override
        public void infer(InferRequest request, StreamObserver<InferResponse> responses) {
            see();
            responses.onNext(InferResponse.newBuilder().setRequestId(request.getRequestId()).build());
            responses.onCompleted();
        }

        @Override
        public void getProofJob(GetProofJobRequest request, StreamObserver<ProofJob> responses) {
            see();
            responses.onError(Status.INVALID_ARGUMENT.withDescription("job id '" + request.getJobId()
                    + "' is not a job id").asRuntimeException());
        }

        @Override
        public void submitProof(SubmitProofRequest request, StreamObserver<ProofJob> responses) {
            see();
            throw new IllegalStateException("a server bug");
        }

        @Override
        public void waitProofJob(WaitProofJobRequest request, StreamObserver<ProofJob> responses) {
            see();
            waitStarted.countDown();
        }
    }

    /** Stands in for the authentication interceptor: names the account the call runs as. */
    static final class AccountFromHeader implements ServerInterceptor {
        @Override
        public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
                ServerCallHandler<ReqT, RespT> next) {
            String account = headers.get(ACCOUNT);
            if (account != null) {
                RequestLogInterceptor.noteAccount(account);
            }
            return next.startCall(call, headers);
        }
    }
}
