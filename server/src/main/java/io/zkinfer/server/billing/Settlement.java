package io.zkinfer.server.billing;

/**
 * A settled call and its signed receipt.
 *
 * @param call    the call, now {@link Call.State#SETTLED}
 * @param receipt the node's signed receipt for it
 */
public record Settlement(Call call, SignedReceipt receipt) {
}
