package io.zkinfer.server.access;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.zkinfer.api.ApiMetadata;
import io.zkinfer.api.v1.BalanceRequest;
import io.zkinfer.api.v1.BalanceResponse;
import io.zkinfer.api.v1.BillingServiceGrpc;
import io.zkinfer.server.grpc.Failures;
import io.zkinfer.server.store.LedgerStore;
import io.zkinfer.server.store.LedgerStoreFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The interceptor in front of an in-process server with a billing service stub, gRPC health and reflection. */
class AuthInterceptorTest {

    private static final RateLimit PER_KEY = RateLimit.perMinute(2);

    /** A billing service whose Balance answers with the caller's account and remembers the whole caller. */
    private static final class CallerEcho extends BillingServiceGrpc.BillingServiceImplBase {
        final AtomicReference<Caller> seen = new AtomicReference<>();

        @Override
        public void balance(BalanceRequest request, StreamObserver<BalanceResponse> response) {
            try {
                Caller caller = Caller.current();
                seen.set(caller);
                response.onNext(BalanceResponse.newBuilder().setAccountId(caller.accountId()).build());
                response.onCompleted();
            } catch (RuntimeException e) {
                Failures.fail(response, e);
            }
        }
    }

    private final ManualTime time = new ManualTime(Instant.parse("2026-12-01T09:00:00Z"));
    private final CallerEcho echo = new CallerEcho();
    private LedgerStore store;
    private ApiKeys keys;
    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        store = new LedgerStoreFactory.Sqlite().open();
        keys = new ApiKeys(store.database(), time.clock(), Duration.ofSeconds(10), 100);
        RateLimiter limiter = new RateLimiter(time.nanoClock(), 1000);
        HealthStatusManager health = new HealthStatusManager();
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name).directExecutor()
                .addService(echo)
                .addService(health.getHealthService())
                .addService(ProtoReflectionServiceV1.newInstance())
                .intercept(new AuthInterceptor(keys, limiter, PER_KEY))
                .build().start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        store.close();
    }

    private BillingServiceGrpc.BillingServiceBlockingStub billing(Metadata.Key<String> header, String value) {
        BillingServiceGrpc.BillingServiceBlockingStub stub = BillingServiceGrpc.newBlockingStub(channel);
        if (header == null) {
            return stub;
        }
        Metadata metadata = new Metadata();
        metadata.put(header, value);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata));
    }

    private BillingServiceGrpc.BillingServiceBlockingStub billing(String apiKey) {
        return billing(ApiMetadata.AUTHORIZATION, ApiMetadata.bearer(apiKey));
    }

    private static StatusRuntimeException refused(Runnable call) {
        return assertThrows(StatusRuntimeException.class, call::run);
    }

    @Test
    void aCallWithoutAKeyIsUnauthenticated() {
        StatusRuntimeException e = refused(() -> billing(null, null).balance(BalanceRequest.getDefaultInstance()));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().startsWith("this call needs an API key"), e.getStatus().getDescription());
        StatusRuntimeException notBearer = refused(() -> billing(ApiMetadata.AUTHORIZATION, "Basic dXNlcjpwdw==")
                .balance(BalanceRequest.getDefaultInstance()));
        assertEquals(Status.Code.UNAUTHENTICATED, notBearer.getStatus().getCode());
        assertNull(echo.seen.get(), "the service never ran");
    }

    @Test
    void anUnknownOrRevokedKeyIsUnauthenticatedAndNotEchoed() {
        IssuedApiKey alice = keys.issue("alice", false, "");
        String forged = alice.plaintext().substring(0, 16) + "A".repeat(43);
        IssuedApiKey carol = keys.issue("carol", false, "");
        keys.revoke(carol.key().keyId());
        for (String bad : List.of(forged, "not-a-key-at-all", carol.plaintext())) {
            StatusRuntimeException e = refused(() -> billing(bad).balance(BalanceRequest.getDefaultInstance()));
            assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
            assertEquals("unknown or revoked API key", e.getStatus().getDescription());
            assertFalse(e.toString().contains(bad));
        }
        assertNull(echo.seen.get(), "the service never ran");
    }

    @Test
    void aGoodKeyRunsTheCallAsItsCallerInEitherHeader() {
        IssuedApiKey alice = keys.issue("alice", true, "");
        assertEquals("alice", billing(alice.plaintext()).balance(BalanceRequest.getDefaultInstance()).getAccountId());
        assertEquals(new Caller("alice", alice.key().keyId(), true), echo.seen.get());
        IssuedApiKey bob = keys.issue("bob", false, "");
        assertEquals("bob", billing(ApiMetadata.API_KEY, bob.plaintext()).balance(BalanceRequest.getDefaultInstance())
                .getAccountId());
        assertEquals(new Caller("bob", bob.key().keyId(), false), echo.seen.get());
    }

    @Test
    void aKeyRevokedOnThisNodeIsRefusedAtOnceDespiteTheCache() {
        IssuedApiKey alice = keys.issue("alice", false, "");
        billing(alice.plaintext()).balance(BalanceRequest.getDefaultInstance());
        keys.revoke(alice.key().keyId());
        StatusRuntimeException e = refused(() -> billing(alice.plaintext()).balance(BalanceRequest.getDefaultInstance()));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
    }

    @Test
    void healthAndReflectionNeedNoKey() throws Exception {
        HealthCheckResponse health = HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance());
        assertEquals(HealthCheckResponse.ServingStatus.SERVING, health.getStatus());

        CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                .serverReflectionInfo(new StreamObserver<>() {
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
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("*").build());
        requests.onCompleted();
        List<String> services = answer.get(5, TimeUnit.SECONDS).getListServicesResponse().getServiceList().stream()
                .map(s -> s.getName()).toList();
        assertTrue(services.contains(BillingServiceGrpc.SERVICE_NAME), services.toString());
    }

    @Test
    void aKeyOverItsRateLimitIsExhaustedUntilItsBucketRefills() {
        IssuedApiKey alice = keys.issue("alice", false, "");
        IssuedApiKey bob = keys.issue("bob", false, "");
        BillingServiceGrpc.BillingServiceBlockingStub stub = billing(alice.plaintext());
        stub.balance(BalanceRequest.getDefaultInstance());
        stub.balance(BalanceRequest.getDefaultInstance());
        StatusRuntimeException e = refused(() -> stub.balance(BalanceRequest.getDefaultInstance()));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
        assertEquals("rate limit of 2 calls per minute for API key " + alice.key().keyId() + " reached; retry in 30 s",
                e.getStatus().getDescription());
        assertEquals("bob", billing(bob.plaintext()).balance(BalanceRequest.getDefaultInstance()).getAccountId(),
                "each key has its own bucket");

        time.advance(Duration.ofSeconds(29));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED,
                refused(() -> stub.balance(BalanceRequest.getDefaultInstance())).getStatus().getCode());
        time.advance(Duration.ofSeconds(1));
        assertEquals("alice", stub.balance(BalanceRequest.getDefaultInstance()).getAccountId(), "one token refilled");
        assertEquals(Status.Code.RESOURCE_EXHAUSTED,
                refused(() -> stub.balance(BalanceRequest.getDefaultInstance())).getStatus().getCode());
    }

    @Test
    void aFailingKeyStoreIsUnavailableWithoutItsDetails() {
        String key = keys.issue("alice", false, "").plaintext();
        store.close();
        StatusRuntimeException e = refused(() -> billing(key).balance(BalanceRequest.getDefaultInstance()));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
        assertEquals(AuthInterceptor.STORE_DOWN, e.getStatus().getDescription());
    }

    @Test
    void theExemptServicesAreHealthAndReflection() {
        assertEquals(java.util.Set.of("grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection",
                "grpc.reflection.v1alpha.ServerReflection"), AuthInterceptor.EXEMPT_SERVICES);
    }
}
