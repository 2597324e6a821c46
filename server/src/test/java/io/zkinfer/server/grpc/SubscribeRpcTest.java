package io.zkinfer.server.grpc;

import io.grpc.Status;
import io.zkinfer.api.v1.BalanceRequest;
import io.zkinfer.api.v1.Plan;
import io.zkinfer.api.v1.SubscribeRequest;
import io.zkinfer.api.v1.Subscription;
import io.zkinfer.server.billing.Money;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static io.zkinfer.server.grpc.BillingGrpcFixture.MODEL;
import static io.zkinfer.server.grpc.BillingGrpcFixture.key;
import static io.zkinfer.server.grpc.BillingGrpcFixture.refused;
import static io.zkinfer.server.grpc.BillingGrpcFixture.zkc;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SubscribeRpcTest {

    @TempDir
    Path dir;
    BillingGrpcFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new BillingGrpcFixture(dir);
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    private static SubscribeRequest subscribe(Plan plan, String key) {
        return SubscribeRequest.newBuilder().setPlan(plan).setIdempotencyKey(key).build();
    }

    private Plan planOf(String account) {
        return f.as(account).balance(BalanceRequest.getDefaultInstance()).getSubscription().getPlan();
    }

    @Test
    void aMonthlyPlanChargesItsFeeOnceAndIncludesItsCalls() {
        f.funded("alice", 7_000_000);
        f.charge("alice", MODEL, 1);
        String key = key();
        Subscription s = f.as("alice").subscribe(subscribe(Plan.PLAN_MONTHLY, key));
        assertEquals(Plan.PLAN_MONTHLY, s.getPlan());
        assertEquals(BillingProtos.toProto(Instant.parse("2026-11-01T00:00:00Z")), s.getPeriodStart());
        assertEquals(BillingProtos.toProto(Instant.parse("2026-12-01T00:00:00Z")), s.getPeriodEnd());
        assertEquals(3, s.getIncludedCalls());
        assertEquals(1, s.getUsedCalls());
        assertEquals(zkc(5_000_000), s.getFee());
        Money afterFee = Money.zkc(7_000_000 - 1_000_003 - 5_000_000);
        assertEquals(afterFee, f.available("alice"));
        long postings = f.postings();
        assertEquals(s, f.as("alice").subscribe(subscribe(Plan.PLAN_MONTHLY, key)), "a retry returns the same subscription");
        assertEquals(postings, f.postings(), "and charges nothing more");
        assertEquals(afterFee, f.available("alice"));
        f.charge("alice", MODEL, 1);
        assertEquals(afterFee, f.available("alice"), "a call within the included ones costs nothing");
        f.assertInvariants();
    }

    @Test
    void aSecondPurchaseInAPaidMonthIsRefusedAndChargesNothing() {
        f.funded("alice", 12_000_000);
        f.as("alice").subscribe(subscribe(Plan.PLAN_MONTHLY, key()));
        long postings = f.postings();
        refused(Status.Code.FAILED_PRECONDITION, "already paid its subscription for 2026-11",
                () -> f.as("alice").subscribe(subscribe(Plan.PLAN_MONTHLY, key())));
        assertEquals(postings, f.postings());
        assertEquals(Money.zkc(7_000_000), f.available("alice"));
        assertEquals(Plan.PLAN_MONTHLY, planOf("alice"));
    }

    @Test
    void theSameKeyForAnotherPlanIsAlreadyExistsAndChangesNothing() {
        f.funded("alice", 6_000_000);
        String key = key();
        f.as("alice").subscribe(subscribe(Plan.PLAN_MONTHLY, key));
        long postings = f.postings();
        refused(Status.Code.ALREADY_EXISTS, key, () -> f.as("alice").subscribe(subscribe(Plan.PLAN_PAY_PER_CALL, key)));
        assertEquals(Plan.PLAN_MONTHLY, planOf("alice"));
        assertEquals(postings, f.postings());
        assertEquals(Money.zkc(1_000_000), f.available("alice"));
    }

    @Test
    void theFeeNeedsTheBalanceElseNothingChanges() {
        f.operator("ops").deposit(io.zkinfer.api.v1.DepositRequest.newBuilder().setAccountId("alice").setAmount(zkc(4_999_999))
                .setIdempotencyKey(key()).build());
        long postings = f.postings();
        refused(Status.Code.FAILED_PRECONDITION, "insufficient funds", () -> f.as("alice").subscribe(subscribe(Plan.PLAN_MONTHLY, key())));
        assertEquals(Plan.PLAN_FREE, planOf("alice"));
        assertEquals(postings, f.postings());
        assertEquals(Money.zkc(4_999_999), f.available("alice"));
        assertEquals(Money.zkc(0), f.platform());
    }

    @Test
    void payPerCallAndFreeMoveNoMoneyAndAreIdempotentToo() {
        String key = key();
        Subscription s = f.as("alice").subscribe(subscribe(Plan.PLAN_PAY_PER_CALL, key));
        assertEquals(Plan.PLAN_PAY_PER_CALL, s.getPlan());
        assertEquals(0, s.getIncludedCalls());
        assertEquals(zkc(0), s.getFee());
        refused(Status.Code.ALREADY_EXISTS, key, () -> f.as("alice").subscribe(subscribe(Plan.PLAN_FREE, key)));
        assertEquals(Plan.PLAN_PAY_PER_CALL, planOf("alice"));
        Subscription free = f.as("alice").subscribe(subscribe(Plan.PLAN_FREE, key()));
        assertEquals(Plan.PLAN_FREE, free.getPlan());
        assertEquals(2, free.getIncludedCalls());
        assertEquals(0, f.postings());
    }

    @Test
    void enterprisePlansAreNotForClientsAndNeedAQuotaAnOperatorSets() {
        refused(Status.Code.PERMISSION_DENIED, "for operators", () -> f.as("alice").subscribe(subscribe(Plan.PLAN_ENTERPRISE, key())));
        refused(Status.Code.INVALID_ARGUMENT, "plan is PLAN_ENTERPRISE", () -> f.operator("ops").subscribe(subscribe(Plan.PLAN_ENTERPRISE, key())));
        assertEquals(Plan.PLAN_FREE, planOf("alice"));
    }

    @Test
    void thePlanAndTheKeyAreRequired() {
        refused(Status.Code.INVALID_ARGUMENT, "plan is unset", () -> f.as("alice").subscribe(subscribe(Plan.PLAN_UNSPECIFIED, key())));
        refused(Status.Code.INVALID_ARGUMENT, "plan is not a plan", () -> f.as("alice").subscribe(SubscribeRequest.newBuilder()
                .setPlanValue(99).setIdempotencyKey(key()).build()));
        f.funded("bob", 6_000_000);
        long postings = f.postings();
        refused(Status.Code.INVALID_ARGUMENT, "idempotency_key is required", () -> f.as("bob").subscribe(subscribe(Plan.PLAN_MONTHLY, "")));
        assertEquals(Plan.PLAN_PAY_PER_CALL, planOf("bob"));
        assertEquals(postings, f.postings());
        assertEquals(Money.zkc(6_000_000), f.available("bob"));
    }
}
