package io.zkinfer.server.billing;

import java.util.Objects;

/**
 * The plans an account may choose for itself: this node's free tier and its monthly subscription offer. Pay-per-call
 * needs no terms; enterprise plans are contracted per account and set by an operator.
 *
 * @param freeTier the free tier (the plan of an account that never chose one)
 * @param monthly  the monthly subscription: its fee and the calls it includes
 */
public record PlanCatalog(Plan.Free freeTier, Plan.Subscription monthly) {

    public PlanCatalog {
        Objects.requireNonNull(freeTier, "freeTier");
        Objects.requireNonNull(monthly, "monthly");
    }
}
