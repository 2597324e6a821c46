package io.zkinfer.server.grpc;

import io.grpc.Status;
import io.zkinfer.server.billing.BillingException;
import io.zkinfer.server.billing.IdempotencyConflictException;
import io.zkinfer.server.billing.InsufficientFundsException;
import io.zkinfer.server.billing.LedgerAccount;
import io.zkinfer.server.billing.Money;
import io.zkinfer.server.billing.QuotaExhaustedException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The statuses billing's refusals reach a client as. */
class FailuresTest {

    private static Status.Code codeOf(Throwable failure) {
        return Failures.toStatus(failure).getStatus().getCode();
    }

    @Test
    void billingRefusalsMapToTheirStatusesWithTheirMessages() {
        assertEquals(Status.Code.ALREADY_EXISTS, codeOf(new IdempotencyConflictException("k", "deposit", "deposit")));
        assertEquals(Status.Code.FAILED_PRECONDITION, codeOf(new InsufficientFundsException(LedgerAccount.clientAvailable("a"),
                Money.zkc(1), Money.zkc(2))));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, codeOf(new QuotaExhaustedException("free tier used up")));
        assertEquals(Status.Code.FAILED_PRECONDITION, codeOf(new BillingException("model 'm' has no price")));
        assertEquals("model 'm' has no price", Failures.toStatus(new BillingException("model 'm' has no price")).getStatus().getDescription());
        assertEquals(Status.Code.INTERNAL, codeOf(new IllegalStateException("bug")));
    }
}
