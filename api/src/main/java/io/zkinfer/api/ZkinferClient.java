package io.zkinfer.api;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.zkinfer.api.v1.BillingServiceGrpc;
import io.zkinfer.api.v1.DiagnosticsServiceGrpc;
import io.zkinfer.api.v1.InferenceServiceGrpc;
import io.zkinfer.api.v1.ModelServiceGrpc;
import io.zkinfer.api.v1.VerificationServiceGrpc;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A thin client for the five zkinfer services: the generated blocking and async stubs over one
 * channel, with the API key attached to every call as {@code authorization: Bearer <key>} and a
 * default deadline on every unary call that has none of its own.
 *
 * <p>Streaming calls (Deploy, Upgrade, InferStream, WaitProofJob) get no default deadline, since
 * an upload or a proof wait may rightly take longer; give one with
 * {@code client.inferenceAsync().withDeadlineAfter(...)}. A deadline set on a stub always wins
 * over the default.
 *
 * <p>{@link #close()} shuts the channel down if this client built it, and leaves a channel passed
 * in to its owner.
 */
public final class ZkinferClient implements AutoCloseable {

    /** The default deadline of unary calls. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);

    private final ManagedChannel channel;
    private final boolean ownsChannel;
    private final Channel intercepted;

    private ZkinferClient(ManagedChannel channel, boolean ownsChannel, String apiKey, Duration deadline) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.ownsChannel = ownsChannel;
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("default deadline must be positive, got " + deadline);
        }
        this.intercepted = ClientInterceptors.intercept(channel,
                new ApiKeyInterceptor(ApiMetadata.requireKey(apiKey)), new DefaultDeadlineInterceptor(deadline));
    }

    /**
     * A client with its own plaintext channel to {@code target} ({@code host:port} or any gRPC
     * target URI), and the {@link #DEFAULT_DEADLINE}.
     */
    public static ZkinferClient forTarget(String target, String apiKey) {
        return forTarget(target, apiKey, DEFAULT_DEADLINE);
    }

    /** As {@link #forTarget(String, String)}, with another default deadline for unary calls. */
    public static ZkinferClient forTarget(String target, String apiKey, Duration defaultDeadline) {
        ManagedChannel channel = ManagedChannelBuilder.forTarget(target).usePlaintext().build();
        try {
            return new ZkinferClient(channel, true, apiKey, defaultDeadline);
        } catch (RuntimeException e) {
            channel.shutdownNow();
            throw e;
        }
    }

    /**
     * A client over a channel the caller built (for TLS, an in-process channel, custom retry
     * policy) and still owns.
     */
    public static ZkinferClient over(ManagedChannel channel, String apiKey, Duration defaultDeadline) {
        return new ZkinferClient(channel, false, apiKey, defaultDeadline);
    }

    /** The channel with the API key and default deadline attached, for stubs this class lacks. */
    public Channel channel() {
        return intercepted;
    }

    /** Blocking ModelService stub (client-streaming Deploy and Upgrade are on the async stub). */
    public ModelServiceGrpc.ModelServiceBlockingStub models() {
        return ModelServiceGrpc.newBlockingStub(intercepted);
    }

    /** Async ModelService stub. */
    public ModelServiceGrpc.ModelServiceStub modelsAsync() {
        return ModelServiceGrpc.newStub(intercepted);
    }

    /** Blocking InferenceService stub (bidirectional InferStream is on the async stub). */
    public InferenceServiceGrpc.InferenceServiceBlockingStub inference() {
        return InferenceServiceGrpc.newBlockingStub(intercepted);
    }

    /** Async InferenceService stub. */
    public InferenceServiceGrpc.InferenceServiceStub inferenceAsync() {
        return InferenceServiceGrpc.newStub(intercepted);
    }

    /** Blocking VerificationService stub. */
    public VerificationServiceGrpc.VerificationServiceBlockingStub verification() {
        return VerificationServiceGrpc.newBlockingStub(intercepted);
    }

    /** Async VerificationService stub. */
    public VerificationServiceGrpc.VerificationServiceStub verificationAsync() {
        return VerificationServiceGrpc.newStub(intercepted);
    }

    /** Blocking BillingService stub. */
    public BillingServiceGrpc.BillingServiceBlockingStub billing() {
        return BillingServiceGrpc.newBlockingStub(intercepted);
    }

    /** Async BillingService stub. */
    public BillingServiceGrpc.BillingServiceStub billingAsync() {
        return BillingServiceGrpc.newStub(intercepted);
    }

    /** Blocking DiagnosticsService stub. */
    public DiagnosticsServiceGrpc.DiagnosticsServiceBlockingStub diagnostics() {
        return DiagnosticsServiceGrpc.newBlockingStub(intercepted);
    }

    /** Async DiagnosticsService stub. */
    public DiagnosticsServiceGrpc.DiagnosticsServiceStub diagnosticsAsync() {
        return DiagnosticsServiceGrpc.newStub(intercepted);
    }

    /** Shuts down a channel this client built, waiting up to five seconds; a borrowed one is left open. */
    @Override
    public void close() {
        if (!ownsChannel) {
            return;
        }
        channel.shutdown();
        try {
            if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Adds {@code authorization: Bearer <key>} to every call's headers. */
    private static final class ApiKeyInterceptor implements ClientInterceptor {
        private final String authorization;

        ApiKeyInterceptor(String apiKey) {
            this.authorization = ApiMetadata.bearer(apiKey);
        }

        @Override
        public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
            return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
                @Override
                public void start(Listener<R> listener, Metadata headers) {
                    headers.put(ApiMetadata.AUTHORIZATION, authorization);
                    super.start(listener, headers);
                }
            };
        }
    }

    /** Gives a unary call without a deadline the default one, counted from the call's start. */
    private static final class DefaultDeadlineInterceptor implements ClientInterceptor {
        private final long nanos;

        DefaultDeadlineInterceptor(Duration deadline) {
            this.nanos = deadline.toNanos();
        }

        @Override
        public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
            if (method.getType() == MethodDescriptor.MethodType.UNARY && options.getDeadline() == null) {
                options = options.withDeadlineAfter(nanos, TimeUnit.NANOSECONDS);
            }
            return next.newCall(method, options);
        }
    }
}
