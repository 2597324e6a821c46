package io.zkinfer.server.grpc;

/**
 * Which accounts exist, as the access layer (the owner of API keys) knows them. The ledger creates a ledger account on
 * its first posting, so without this an operator's typo would credit a deposit to an account nobody owns; with it,
 * such a call is refused with NOT_FOUND.
 */
@FunctionalInterface
public interface AccountDirectory {

    /** Whether {@code accountId} is an account of this node. */
    boolean exists(String accountId);
}
