package io.zkinfer.server.access;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.zkinfer.api.ApiMetadata;
import io.zkinfer.server.grpc.Failures;
import io.zkinfer.server.observe.RequestLogInterceptor;
import io.zkinfer.server.store.StoreException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates every call by its API key and applies the key's rate limit before any service sees it, then runs
 * the call with its {@link Caller} in the gRPC context ({@link Caller#current()}). The gRPC health and server
 * reflection services are exempt, so load balancers and tools need no key. A call without a key, or with an unknown
 * or revoked one, ends UNAUTHENTICATED; one over its key's limit ends RESOURCE_EXHAUSTED with when to retry; one that
 * finds the key store failing ends UNAVAILABLE. The key itself never appears in a status or a log.
 */
public final class AuthInterceptor implements ServerInterceptor {

    /** The services that need no key: gRPC health and server reflection (v1 and v1alpha). */
    public static final Set<String> EXEMPT_SERVICES = Set.of(
            io.grpc.health.v1.HealthGrpc.SERVICE_NAME,
            io.grpc.reflection.v1.ServerReflectionGrpc.SERVICE_NAME,
            io.grpc.reflection.v1alpha.ServerReflectionGrpc.SERVICE_NAME);

    static final String NO_KEY = "this call needs an API key; send it as 'authorization: Bearer KEY' or "
            + "'x-api-key: KEY' (an operator issues keys)";
    static final String UNKNOWN_KEY = "unknown or revoked API key";
    static final String STORE_DOWN = "cannot check the API key now: the node's key store is unavailable; retry with "
            + "backoff";

    private static final Logger LOG = LoggerFactory.getLogger(AuthInterceptor.class);

    private final ApiKeys keys;
    private final RateLimiter limiter;
    private final RateLimit perKey;
    private final Set<String> exempt;

    /** Authenticates with {@code keys} and allows each key {@code perKey} calls, with the standard exemptions. */
    public AuthInterceptor(ApiKeys keys, RateLimiter limiter, RateLimit perKey) {
        this(keys, limiter, perKey, EXEMPT_SERVICES);
    }

    /** As above, with {@code exemptServices} (fully qualified gRPC service names) passing without a key. */
    public AuthInterceptor(ApiKeys keys, RateLimiter limiter, RateLimit perKey, Set<String> exemptServices) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.perKey = Objects.requireNonNull(perKey, "perKey");
        this.exempt = Set.copyOf(exemptServices);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        if (exempt.contains(call.getMethodDescriptor().getServiceName())) {
            return next.startCall(call, headers);
        }
        Caller caller;
        try {
            caller = admit(headers);
        } catch (StoreException e) {
            LOG.warn("cannot check an API key: the key store failed", e);
            call.close(Status.UNAVAILABLE.withDescription(STORE_DOWN), new Metadata());
            return new ServerCall.Listener<>() {
            };
        } catch (RuntimeException refused) {
            StatusRuntimeException status = Failures.toStatus(refused);
            call.close(status.getStatus(), status.getTrailers() == null ? new Metadata() : status.getTrailers());
            return new ServerCall.Listener<>() {
            };
        }
        RequestLogInterceptor.noteAccount(caller.accountId());
        return Contexts.interceptCall(caller.attachTo(Context.current()), call, headers, next);
    }

    /** The caller of a call with {@code headers}, after its key's rate limit; throws the refusal otherwise. */
    private Caller admit(Metadata headers) {
        Optional<String> presented = ApiMetadata.apiKey(headers);
        if (presented.isEmpty()) {
            throw Status.UNAUTHENTICATED.withDescription(NO_KEY).asRuntimeException();
        }
        Caller caller = keys.authenticate(presented.get())
                .orElseThrow(() -> Status.UNAUTHENTICATED.withDescription(UNKNOWN_KEY).asRuntimeException());
        limiter.acquire(RateLimiter.keyBucket(caller.keyId()), perKey, "API key " + caller.keyId());
        return caller;
    }
}
