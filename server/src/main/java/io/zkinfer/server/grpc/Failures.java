package io.zkinfer.server.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.zkinfer.server.billing.BillingException;
import io.zkinfer.server.billing.CallStateException;
import io.zkinfer.server.billing.IdempotencyConflictException;
import io.zkinfer.server.billing.InsufficientFundsException;
import io.zkinfer.server.billing.ProofRejectedException;
import io.zkinfer.server.billing.QuotaExhaustedException;
import io.zkinfer.server.store.StoreException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one mapping from what went wrong to the gRPC status a client sees, as the README's status table states it.
 * Domain exceptions carry messages written for the caller, so they pass through; anything unexpected becomes
 * INTERNAL with a request id the operator finds in the log, and its details stay in the log.
 */
public final class Failures {

    private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

    private Failures() {
    }

    /** The status for {@code failure}, as a throwable gRPC accepts. */
    public static StatusRuntimeException toStatus(Throwable failure) {
        if (failure instanceof StatusRuntimeException s) {
            return s;
        }
        Status status = statusOf(failure);
        if (status == null) {
            String id = UUID.randomUUID().toString();
            LOG.error("internal error {}", id, failure);
            return Status.INTERNAL.withDescription("internal error; the node's log has it under request id " + id)
                    .asRuntimeException();
        }
        return status.withDescription(failure.getMessage()).asRuntimeException();
    }

    /** The status code {@code failure} maps to (INTERNAL for an unexpected one), without logging it. */
    public static Status.Code codeOf(Throwable failure) {
        if (failure instanceof StatusRuntimeException s) {
            return s.getStatus().getCode();
        }
        Status status = statusOf(failure);
        return status == null ? Status.Code.INTERNAL : status.getCode();
    }

    /** Ends {@code observer} with the status for {@code failure}. */
    public static void fail(StreamObserver<?> observer, Throwable failure) {
        observer.onError(toStatus(failure));
    }

    private static Status statusOf(Throwable failure) {
        if (failure instanceof IdempotencyConflictException) {
            return Status.ALREADY_EXISTS;
        }
        if (failure instanceof InsufficientFundsException || failure instanceof CallStateException
                || failure instanceof ProofRejectedException) {
            return Status.FAILED_PRECONDITION;
        }
        if (failure instanceof QuotaExhaustedException) {
            return Status.RESOURCE_EXHAUSTED;
        }
        if (failure instanceof ServiceException s) {
            return Status.fromCode(s.code());
        }
        if (failure instanceof BillingException) {
            // Any other refusal billing writes for the caller, e.g. a model that has no price yet.
            return Status.FAILED_PRECONDITION;
        }
        if (failure instanceof IllegalArgumentException) {
            return Status.INVALID_ARGUMENT;
        }
        if (failure instanceof StoreException) {
            return Status.UNAVAILABLE;
        }
        return null;
    }
}
