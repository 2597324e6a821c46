package io.zkinfer.server.grpc;

import io.grpc.Status;
import io.zkinfer.api.v1.PayoutRequest;
import io.zkinfer.api.v1.PayoutResponse;
import io.zkinfer.api.v1.PayoutStatus;
import io.zkinfer.server.billing.Money;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.zkinfer.server.grpc.BillingGrpcFixture.DEVELOPER;
import static io.zkinfer.server.grpc.BillingGrpcFixture.MODEL;
import static io.zkinfer.server.grpc.BillingGrpcFixture.START;
import static io.zkinfer.server.grpc.BillingGrpcFixture.key;
import static io.zkinfer.server.grpc.BillingGrpcFixture.refused;
import static io.zkinfer.server.grpc.BillingGrpcFixture.zkc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class PayoutRpcTest {

    /** Two paid calls earn the developer 2 × 700002. */
    private static final Money EARNED = Money.zkc(1_400_004);

    @TempDir
    Path dir;
    BillingGrpcFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new BillingGrpcFixture(dir);
        f.funded("alice", 5_000_000);
        f.charge("alice", MODEL, 2);
        f.charge("alice", MODEL, 2);
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    private static PayoutRequest payout(long minor, String destination, String key) {
        return PayoutRequest.newBuilder().setAmount(zkc(minor)).setDestination(destination).setIdempotencyKey(key).build();
    }

    /** The developer's earnings, the world's account and the postings are as before the refused call. */
    private void assertUnchanged(long postings, Money external) {
        assertEquals(EARNED, f.earnings(DEVELOPER));
        assertEquals(external, f.external());
        assertEquals(postings, f.postings());
        f.assertInvariants();
    }

    @Test
    void aDeveloperWithdrawsSettledEarningsToADestination() {
        Money external = f.external();
        PayoutResponse r = f.as(DEVELOPER).payout(payout(1_000_000, "0xabc", key()));
        assertFalse(r.getPayoutId().isEmpty());
        assertEquals(zkc(1_000_000), r.getAmount());
        assertEquals("0xabc", r.getDestination());
        assertEquals(PayoutStatus.PAYOUT_STATUS_PENDING, r.getStatus());
        assertEquals(BillingProtos.toProto(START), r.getRequestedAt());
        assertEquals(zkc(400_004), r.getEarningsLeft());
        assertEquals(Money.zkc(400_004), f.earnings(DEVELOPER));
        assertEquals(external.plus(Money.zkc(1_000_000)), f.external());
        f.assertInvariants();
    }

    @Test
    void aRetryPaysOutOnceAndTheSameKeyWithOtherParametersIsAlreadyExists() {
        String key = key();
        PayoutResponse first = f.as(DEVELOPER).payout(payout(1_000_000, "0xabc", key));
        long postings = f.postings();
        assertEquals(first.getPayoutId(), f.as(DEVELOPER).payout(payout(1_000_000, "0xabc", key)).getPayoutId());
        refused(Status.Code.ALREADY_EXISTS, key, () -> f.as(DEVELOPER).payout(payout(1_000_000, "0xdef", key)));
        refused(Status.Code.ALREADY_EXISTS, key, () -> f.as(DEVELOPER).payout(payout(400_004, "0xabc", key)));
        assertEquals(postings, f.postings());
        assertEquals(Money.zkc(400_004), f.earnings(DEVELOPER));
        f.assertInvariants();
    }

    @Test
    void moreThanTheEarningsIsAFailedPreconditionAndMovesNothing() {
        long postings = f.postings();
        Money external = f.external();
        refused(Status.Code.FAILED_PRECONDITION, "more than the settled earnings of account 'dev-ann', 1.400004 ZKC",
                () -> f.as(DEVELOPER).payout(payout(1_400_005, "0xabc", key())));
        assertUnchanged(postings, external);
        refused(Status.Code.FAILED_PRECONDITION, "0.000000 ZKC", () -> f.as("alice").payout(payout(1, "0xabc", key())));
        assertUnchanged(postings, external);
        assertEquals(Money.zkc(5_000_000 - 2 * 1_000_003), f.available("alice"), "a client's funds are not earnings");
    }

    @Test
    void malformedPayoutsAreRefusedByFieldAndMoveNothing() {
        long postings = f.postings();
        Money external = f.external();
        refused(Status.Code.INVALID_ARGUMENT, "amount is -1 minor units", () -> f.as(DEVELOPER).payout(payout(-1, "0xabc", key())));
        refused(Status.Code.INVALID_ARGUMENT, "amount is zero", () -> f.as(DEVELOPER).payout(payout(0, "0xabc", key())));
        refused(Status.Code.INVALID_ARGUMENT, "destination is required", () -> f.as(DEVELOPER).payout(payout(5, " ", key())));
        refused(Status.Code.INVALID_ARGUMENT, "idempotency_key is required", () -> f.as(DEVELOPER).payout(payout(5, "0xabc", "")));
        refused(Status.Code.INVALID_ARGUMENT, "amount.currency", () -> f.as(DEVELOPER).payout(payout(5, "0xabc", key()).toBuilder()
                .setAmount(zkc(5).toBuilder().setCurrency("ETH")).build()));
        refused(Status.Code.UNAUTHENTICATED, "API key", () -> f.anonymous().payout(payout(5, "0xabc", key())));
        assertUnchanged(postings, external);
    }
}
