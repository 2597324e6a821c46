package io.zkinfer.server.grpc;

import io.grpc.Status;
import io.zkinfer.api.v1.ClosePayoutRequest;
import io.zkinfer.api.v1.ListPayoutsRequest;
import io.zkinfer.api.v1.PayoutRequest;
import io.zkinfer.api.v1.PayoutResponse;
import io.zkinfer.api.v1.PayoutStatus;
import io.zkinfer.api.v1.StatementLineKind;
import io.zkinfer.api.v1.StatementRequest;
import io.zkinfer.server.billing.Money;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.zkinfer.server.grpc.BillingGrpcFixture.DEVELOPER;
import static io.zkinfer.server.grpc.BillingGrpcFixture.MODEL;
import static io.zkinfer.server.grpc.BillingGrpcFixture.START;
import static io.zkinfer.server.grpc.BillingGrpcFixture.key;
import static io.zkinfer.server.grpc.BillingGrpcFixture.refused;
import static io.zkinfer.server.grpc.BillingGrpcFixture.zkc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Payouts over gRPC: a developer asks for one; an operator lists the pending ones and closes them. */
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

    // ---- an operator lists the pending payouts and closes them; a failed one returns to earnings

    private PayoutResponse requestPayout(long minor, String destination) {
        return f.as(DEVELOPER).payout(PayoutRequest.newBuilder().setAmount(zkc(minor)).setDestination(destination)
                .setIdempotencyKey(key()).build());
    }

    private static ClosePayoutRequest close(String payoutId, PayoutStatus status, String reference, String key) {
        return ClosePayoutRequest.newBuilder().setPayoutId(payoutId).setStatus(status).setReference(reference)
                .setIdempotencyKey(key).build();
    }

    private List<PayoutResponse> list(String account, PayoutStatus status) {
        return f.operator("ops").listPayouts(ListPayoutsRequest.newBuilder().setAccountId(account).setStatus(status)
                .build()).getPayoutsList();
    }

    @Test
    void theOperatorSendsOnePayoutAndReturnsTheOther() {
        PayoutResponse sent = requestPayout(1_000_000, "0xabc");
        f.clock.advance(Duration.ofMinutes(1));
        PayoutResponse bounced = requestPayout(400_000, "0xdef");
        assertEquals(DEVELOPER, sent.getAccountId());
        assertEquals(List.of(bounced.getPayoutId(), sent.getPayoutId()),
                list("*", PayoutStatus.PAYOUT_STATUS_PENDING).stream().map(PayoutResponse::getPayoutId).toList());
        assertEquals(Money.zkc(4), f.earnings(DEVELOPER));

        PayoutResponse completed = f.operator("ops").closePayout(close(sent.getPayoutId(),
                PayoutStatus.PAYOUT_STATUS_COMPLETED, "bank transfer 991", key()));
        assertEquals(PayoutStatus.PAYOUT_STATUS_COMPLETED, completed.getStatus());
        assertEquals("bank transfer 991", completed.getReference());
        assertEquals(BillingProtos.toProto(START.plus(Duration.ofMinutes(1))), completed.getClosedAt());
        assertEquals("0xabc", completed.getDestination());

        Money external = f.external();
        PayoutResponse failed = f.operator("ops").closePayout(close(bounced.getPayoutId(),
                PayoutStatus.PAYOUT_STATUS_FAILED, "address rejected", key()));
        assertEquals(PayoutStatus.PAYOUT_STATUS_FAILED, failed.getStatus());
        assertEquals(Money.zkc(400_004), f.earnings(DEVELOPER), "the failed payout is earnings again");
        assertEquals(external.minus(Money.zkc(400_000)), f.external());

        List<PayoutResponse> own = f.as(DEVELOPER).listPayouts(ListPayoutsRequest.getDefaultInstance()).getPayoutsList();
        assertEquals(List.of(PayoutStatus.PAYOUT_STATUS_FAILED, PayoutStatus.PAYOUT_STATUS_COMPLETED),
                own.stream().map(PayoutResponse::getStatus).toList(), "the developer sees both, closed");
        assertTrue(list("*", PayoutStatus.PAYOUT_STATUS_PENDING).isEmpty());
        var lines = f.as(DEVELOPER).statement(StatementRequest.newBuilder().setFrom(BillingProtos.toProto(START
                .minusSeconds(3600))).setTo(BillingProtos.toProto(START.plusSeconds(3600))).build()).getLinesList();
        assertTrue(lines.stream().anyMatch(l -> l.getKind() == StatementLineKind.STATEMENT_LINE_KIND_PAYOUT_RETURNED
                && l.getReference().equals(bounced.getPayoutId())), lines.toString());
        f.assertInvariants();
    }

    @Test
    void closingIsForOperatorsOnceAndWithAReference() {
        PayoutResponse p = requestPayout(1_000_000, "0xabc");
        long postings = f.postings();
        refused(Status.Code.PERMISSION_DENIED, "ClosePayout", () -> f.as(DEVELOPER).closePayout(close(p.getPayoutId(),
                PayoutStatus.PAYOUT_STATUS_FAILED, "changed my mind", key())));
        refused(Status.Code.INVALID_ARGUMENT, "reference is required", () -> f.operator("ops").closePayout(close(
                p.getPayoutId(), PayoutStatus.PAYOUT_STATUS_COMPLETED, "", key())));
        refused(Status.Code.INVALID_ARGUMENT, "close a payout as", () -> f.operator("ops").closePayout(close(
                p.getPayoutId(), PayoutStatus.PAYOUT_STATUS_PENDING, "tx 1", key())));
        refused(Status.Code.FAILED_PRECONDITION, "no payout 'nope'", () -> f.operator("ops").closePayout(close(
                "nope", PayoutStatus.PAYOUT_STATUS_COMPLETED, "tx 1", key())));
        assertEquals(postings, f.postings());
        String key = key();
        f.operator("ops").closePayout(close(p.getPayoutId(), PayoutStatus.PAYOUT_STATUS_FAILED, "bounced", key));
        long afterReturn = f.postings();
        assertEquals(PayoutStatus.PAYOUT_STATUS_FAILED, f.operator("ops").closePayout(close(p.getPayoutId(),
                PayoutStatus.PAYOUT_STATUS_FAILED, "bounced", key)).getStatus(), "a retry returns the first result");
        refused(Status.Code.FAILED_PRECONDITION, "is failed already", () -> f.operator("ops").closePayout(close(
                p.getPayoutId(), PayoutStatus.PAYOUT_STATUS_FAILED, "bounced", key())));
        assertEquals(afterReturn, f.postings(), "returned once");
        assertEquals(EARNED, f.earnings(DEVELOPER));
        f.assertInvariants();
    }

    @Test
    void aDeveloperListsOnlyItsOwnPayouts() {
        requestPayout(1_000_000, "0xabc");
        refused(Status.Code.PERMISSION_DENIED, "Listing everyone's payouts", () -> f.as(DEVELOPER).listPayouts(
                ListPayoutsRequest.newBuilder().setAccountId("*").build()));
        refused(Status.Code.PERMISSION_DENIED, "of its own only", () -> f.as("alice").listPayouts(
                ListPayoutsRequest.newBuilder().setAccountId(DEVELOPER).build()));
        assertTrue(f.as("alice").listPayouts(ListPayoutsRequest.getDefaultInstance()).getPayoutsList().isEmpty());
        refused(Status.Code.INVALID_ARGUMENT, "give 1 to 1000", () -> f.as(DEVELOPER).listPayouts(
                ListPayoutsRequest.newBuilder().setLimit(1001).build()));
        assertFalse(list(DEVELOPER, PayoutStatus.PAYOUT_STATUS_UNSPECIFIED).isEmpty());
    }
}
