package io.zkinfer.server.grpc;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.MetadataUtils;
import io.zkinfer.api.v1.BillingServiceGrpc;
import io.zkinfer.api.v1.BillingServiceGrpc.BillingServiceBlockingStub;
import io.zkinfer.server.access.Caller;
import io.zkinfer.server.billing.AccountReports;
import io.zkinfer.server.billing.Billing;
import io.zkinfer.server.billing.Call;
import io.zkinfer.server.billing.CallRequest;
import io.zkinfer.server.billing.Coin;
import io.zkinfer.server.billing.LedgerAccount;
import io.zkinfer.server.billing.Money;
import io.zkinfer.server.billing.MutableClock;
import io.zkinfer.server.billing.Plan;
import io.zkinfer.server.billing.PlanCatalog;
import io.zkinfer.server.billing.PriceList;
import io.zkinfer.server.billing.PricingPolicy;
import io.zkinfer.server.billing.ProofClaim;
import io.zkinfer.server.billing.ProofVerification;
import io.zkinfer.server.billing.ReceiptSigner;
import io.zkinfer.server.store.LedgerSession;
import io.zkinfer.server.store.LedgerStore;
import org.junit.jupiter.api.function.Executable;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The BillingService on an in-process server over a fresh SQLite ledger, with a hand-moved clock, a test caller
 * interceptor, one priced model ({@value #MODEL}, versions 1 and 2, 2 active) and the ledger's invariants.
 */
final class BillingGrpcFixture implements AutoCloseable {

    static final Instant START = Instant.parse("2026-11-28T12:00:00Z");
    static final String MODEL = "mnist";
    /** Known to the registry but without a price. */
    static final String UNPRICED = "draft";
    static final String DEVELOPER = "dev-ann";
    /** 1.000003 ZKC a call at 1×: 700002 to the developer, 300001 to the platform. */
    static final Money PRICE = Money.zkc(1_000_003);
    static final Plan.Free FREE_TIER = new Plan.Free(2);
    static final Plan.Subscription MONTHLY = new Plan.Subscription(Money.zkc(5_000_000), 3);
    static final Set<String> ACCOUNTS = Set.of("alice", "bob", DEVELOPER, "ops");

    final MutableClock clock = new MutableClock(START);
    final PriceList prices = new PriceList();
    final AtomicInteger demand = new AtomicInteger(10_000);
    final LedgerStore store;
    final Billing billing;
    final AccountReports reports;
    private final Server server;
    private final ManagedChannel channel;

    BillingGrpcFixture(Path dir) throws IOException {
        store = LedgerStore.open("jdbc:sqlite:" + dir.resolve("ledger.db"));
        prices.set(PricingPolicy.flat(MODEL, DEVELOPER, PRICE));
        billing = new Billing(store, prices, ReceiptSigner.generate(new SecureRandom()), clock, FREE_TIER);
        reports = new AccountReports(store, clock, FREE_TIER);
        BillingGrpcService service = new BillingGrpcService(billing, reports, new PlanCatalog(FREE_TIER, MONTHLY),
                BillingGrpcFixture::servingVersion, ACCOUNTS::contains, demand::get);
        String name = "billing-test-" + UUID.randomUUID();
        server = InProcessServerBuilder.forName(name).directExecutor()
                .addService(ServerInterceptors.intercept(service, new TestCallerInterceptor())).build().start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    }

    private static OptionalLong servingVersion(Caller caller, String modelId, long version) {
        if (modelId.equals(MODEL) || modelId.equals(UNPRICED)) {
            return version == 0 ? OptionalLong.of(2) : version <= 2 ? OptionalLong.of(version) : OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    // ---- stubs

    /** The service as client {@code account}. */
    BillingServiceBlockingStub as(String account) {
        return stub(account, false);
    }

    /** The service as operator {@code account}. */
    BillingServiceBlockingStub operator(String account) {
        return stub(account, true);
    }

    /** The service without a caller. */
    BillingServiceBlockingStub anonymous() {
        return BillingServiceGrpc.newBlockingStub(channel);
    }

    private BillingServiceBlockingStub stub(String account, boolean operator) {
        Metadata headers = new Metadata();
        headers.put(TestCallerInterceptor.ACCOUNT, account);
        headers.put(TestCallerInterceptor.OPERATOR, Boolean.toString(operator));
        return BillingServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    // ---- messages

    static io.zkinfer.api.v1.Money zkc(long minor) {
        return io.zkinfer.api.v1.Money.newBuilder().setMinorUnits(minor).setCurrency("ZKC").build();
    }

    static String key() {
        return UUID.randomUUID().toString();
    }

    /** Asserts that {@code call} fails with {@code code} and a message containing {@code words}; returns the failure. */
    static StatusRuntimeException refused(Status.Code code, String words, Executable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
        assertEquals(code, e.getStatus().getCode(), () -> "status of " + e.getStatus());
        String message = String.valueOf(e.getStatus().getDescription());
        assertTrue(message.contains(words), () -> "message '" + message + "' names '" + words + "'");
        return e;
    }

    // ---- ledger set-up, straight through billing

    /** {@code account} with {@code minor} micro-ZKC deposited, on pay-per-call. */
    void funded(String account, long minor) {
        billing.setPlan(account, new Plan.PayPerCall());
        billing.deposit("setup-" + key(), account, Money.zkc(minor));
    }

    /** An unproven call by {@code client} to version {@code version} of the model, charged at once. */
    Call charge(String client, String model, long version) {
        return billing.charge(key(), new CallRequest(client, model, BillingProtos.versionId(version), "sha256:" + key()), demand.get());
    }

    /** A proven call by {@code client}, held. */
    Call hold(String client, long version) {
        return billing.hold(key(), new CallRequest(client, MODEL, BillingProtos.versionId(version), "sha256:" + key()),
                demand.get(), Duration.ofMinutes(5));
    }

    /** Settles {@code held} with an accepted proof. */
    void settle(Call held) {
        ProofClaim claim = new ProofClaim(held.callId(), held.modelId(), held.modelVersion(), held.inputDigest(), "sha256:out", "proof");
        billing.settle(key(), ProofVerification.verify(c -> true, claim, clock.instant()));
    }

    // ---- ledger reads

    Money available(String account) {
        return billing.balance(LedgerAccount.clientAvailable(account), Coin.ZKC);
    }

    Money earnings(String developer) {
        return billing.balance(LedgerAccount.developerEarnings(developer), Coin.ZKC);
    }

    Money platform() {
        return billing.balance(LedgerAccount.platformRevenue(), Coin.ZKC);
    }

    Money external() {
        return billing.balance(LedgerAccount.external(), Coin.ZKC);
    }

    long postings() {
        return store.inTransaction(LedgerSession::postingCount);
    }

    /** Every cached balance equals its postings, none but the external one is negative, and all sum to zero. */
    void assertInvariants() {
        store.inTransaction(s -> {
            Map<LedgerAccount, Money> balances = s.balances(Coin.ZKC);
            long total = 0;
            for (Map.Entry<LedgerAccount, Money> e : balances.entrySet()) {
                assertEquals(s.balanceFromPostings(e.getKey(), Coin.ZKC), e.getValue(), "cached balance of " + e.getKey());
                assertTrue(e.getKey().mayGoNegative() || !e.getValue().isNegative(), e.getKey() + " is negative: " + e.getValue());
                total += e.getValue().minor();
            }
            assertEquals(0, total, "all balances sum to zero");
            return null;
        });
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow();
        server.shutdownNow().awaitTermination();
        store.close();
    }
}
