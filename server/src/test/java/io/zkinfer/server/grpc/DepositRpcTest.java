package io.zkinfer.server.grpc;

import io.grpc.Status;
import io.zkinfer.api.v1.DepositRequest;
import io.zkinfer.api.v1.DepositResponse;
import io.zkinfer.server.billing.Money;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.zkinfer.server.grpc.BillingGrpcFixture.key;
import static io.zkinfer.server.grpc.BillingGrpcFixture.refused;
import static io.zkinfer.server.grpc.BillingGrpcFixture.zkc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class DepositRpcTest {

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

    private static DepositRequest deposit(String account, long minor, String key) {
        return DepositRequest.newBuilder().setAccountId(account).setAmount(zkc(minor)).setIdempotencyKey(key).setReference("pay-17").build();
    }

    /** Nothing was written: no postings, alice at zero. */
    private void assertNothingWritten() {
        assertEquals(0, f.postings());
        assertEquals(Money.zkc(0), f.available("alice"));
        assertEquals(Money.zkc(0), f.external());
    }

    @Test
    void anOperatorCreditsAnAccountFromOutside() {
        DepositResponse r = f.operator("ops").deposit(deposit("alice", 5_000_000, key()));
        assertFalse(r.getEntryId().isEmpty());
        assertEquals(zkc(5_000_000), r.getBalance());
        assertEquals(Money.zkc(5_000_000), f.available("alice"));
        assertEquals(Money.zkc(-5_000_000), f.external());
        f.assertInvariants();
    }

    @Test
    void aRetryWithTheSameKeyAndRequestCreditsOnce() {
        String key = key();
        DepositResponse first = f.operator("ops").deposit(deposit("alice", 5_000_000, key));
        long postings = f.postings();
        DepositResponse retry = f.operator("ops").deposit(deposit("alice", 5_000_000, key));
        assertEquals(first.getEntryId(), retry.getEntryId());
        assertEquals(zkc(5_000_000), retry.getBalance());
        assertEquals(postings, f.postings());
        assertEquals(Money.zkc(5_000_000), f.available("alice"));
    }

    @Test
    void theSameKeyWithOtherParametersIsAlreadyExistsAndCreditsNothingMore() {
        String key = key();
        f.operator("ops").deposit(deposit("alice", 5_000_000, key));
        long postings = f.postings();
        refused(Status.Code.ALREADY_EXISTS, key, () -> f.operator("ops").deposit(deposit("alice", 6_000_000, key)));
        refused(Status.Code.ALREADY_EXISTS, key, () -> f.operator("ops").deposit(deposit("bob", 5_000_000, key)));
        refused(Status.Code.ALREADY_EXISTS, key, () -> f.operator("ops").deposit(deposit("alice", 5_000_000, key).toBuilder()
                .setReference("another-payment").build()));
        assertEquals(postings, f.postings());
        assertEquals(Money.zkc(5_000_000), f.available("alice"));
        assertEquals(Money.zkc(0), f.available("bob"));
        f.assertInvariants();
    }

    @Test
    void keysBelongToTheCallerSoAnotherOperatorsEqualKeyIsItsOwnDeposit() {
        String key = key();
        f.operator("ops").deposit(deposit("alice", 1_000_000, key));
        DepositResponse other = f.operator("ops-2").deposit(deposit("alice", 2_000_000, key));
        assertEquals(zkc(3_000_000), other.getBalance());
    }

    @Test
    void aClientMayNotDeposit() {
        refused(Status.Code.PERMISSION_DENIED, "Deposit is for operators", () -> f.as("alice").deposit(deposit("alice", 5_000_000, key())));
        assertNothingWritten();
    }

    @Test
    void withoutACallerTheCallIsUnauthenticated() {
        refused(Status.Code.UNAUTHENTICATED, "API key", () -> f.anonymous().deposit(deposit("alice", 5_000_000, key())));
        assertNothingWritten();
    }

    @Test
    void anIdempotencyKeyIsRequired() {
        refused(Status.Code.INVALID_ARGUMENT, "idempotency_key is required", () -> f.operator("ops").deposit(deposit("alice", 5_000_000, "")));
        refused(Status.Code.INVALID_ARGUMENT, "idempotency_key must be", () -> f.operator("ops").deposit(deposit("alice", 5_000_000, "has space")));
        refused(Status.Code.INVALID_ARGUMENT, "idempotency_key must be", () -> f.operator("ops").deposit(deposit("alice", 5_000_000, "k".repeat(65))));
        assertNothingWritten();
    }

    @Test
    void theAmountMustBePositiveAndInTheNodesCoin() {
        refused(Status.Code.INVALID_ARGUMENT, "amount is -5 minor units", () -> f.operator("ops").deposit(deposit("alice", -5, key())));
        refused(Status.Code.INVALID_ARGUMENT, "amount is zero", () -> f.operator("ops").deposit(deposit("alice", 0, key())));
        refused(Status.Code.INVALID_ARGUMENT, "amount is required", () -> f.operator("ops").deposit(deposit("alice", 5, key()).toBuilder()
                .clearAmount().build()));
        refused(Status.Code.INVALID_ARGUMENT, "amount.currency is 'USD'", () -> f.operator("ops").deposit(deposit("alice", 5, key()).toBuilder()
                .setAmount(zkc(5).toBuilder().setCurrency("USD")).build()));
        refused(Status.Code.INVALID_ARGUMENT, "amount.currency is empty", () -> f.operator("ops").deposit(deposit("alice", 5, key()).toBuilder()
                .setAmount(zkc(5).toBuilder().clearCurrency()).build()));
        assertNothingWritten();
    }

    @Test
    void theAccountMustBeNamedWellFormedAndExist() {
        refused(Status.Code.INVALID_ARGUMENT, "account_id is required", () -> f.operator("ops").deposit(deposit("", 5, key())));
        refused(Status.Code.INVALID_ARGUMENT, "account_id 'al ice'", () -> f.operator("ops").deposit(deposit("al ice", 5, key())));
        refused(Status.Code.NOT_FOUND, "account 'alcie' does not exist", () -> f.operator("ops").deposit(deposit("alcie", 5, key())));
        refused(Status.Code.INVALID_ARGUMENT, "reference must be", () -> f.operator("ops").deposit(deposit("alice", 5, key()).toBuilder()
                .setReference("x\ny").build()));
        assertNothingWritten();
        assertEquals(Money.zkc(0), f.available("alcie"));
    }

    @Test
    void aDepositShowsInTheExternalAccountAndNowhereElse() {
        f.operator("ops").deposit(deposit("alice", 5_000_000, key()));
        f.operator("ops").deposit(deposit("bob", 1_000_000, key()));
        assertNotEquals(f.available("alice"), f.available("bob"));
        assertEquals(Money.zkc(-6_000_000), f.external());
        assertEquals(Money.zkc(0), f.platform());
        f.assertInvariants();
    }
}
