package io.zkinfer.server.access;

import io.zkinfer.server.billing.Plan;
import java.util.Objects;

/**
 * The kind of plan an account is on, which is all a model's access rules look at: the billing {@link Plan} without
 * its numbers, and the proto {@code zkinfer.v1.Plan} enum.
 */
public enum PlanKind {
    /** The free tier. */
    FREE("free", io.zkinfer.api.v1.Plan.PLAN_FREE),
    /** Pay per call. */
    PAY_PER_CALL("pay-per-call", io.zkinfer.api.v1.Plan.PLAN_PAY_PER_CALL),
    /** A monthly subscription ({@code PLAN_MONTHLY} in the API). */
    SUBSCRIPTION("subscription", io.zkinfer.api.v1.Plan.PLAN_MONTHLY),
    /** An enterprise contract. */
    ENTERPRISE("enterprise", io.zkinfer.api.v1.Plan.PLAN_ENTERPRISE);

    private final String label;
    private final io.zkinfer.api.v1.Plan proto;

    PlanKind(String label, io.zkinfer.api.v1.Plan proto) {
        this.label = label;
        this.proto = proto;
    }

    /** The kind of a billing plan. */
    public static PlanKind of(Plan plan) {
        Objects.requireNonNull(plan, "plan");
        if (plan instanceof Plan.Free) {
            return FREE;
        }
        if (plan instanceof Plan.PayPerCall) {
            return PAY_PER_CALL;
        }
        if (plan instanceof Plan.Subscription) {
            return SUBSCRIPTION;
        }
        if (plan instanceof Plan.Enterprise) {
            return ENTERPRISE;
        }
        throw new IllegalArgumentException("plan " + plan + " has no access-rule kind; add one to PlanKind");
    }

    /** The kind a proto plan names; INVALID_ARGUMENT (as {@link IllegalArgumentException}) for an unset one. */
    public static PlanKind fromProto(io.zkinfer.api.v1.Plan plan) {
        for (PlanKind kind : values()) {
            if (kind.proto == plan) {
                return kind;
            }
        }
        throw new IllegalArgumentException("plan " + plan + " names no plan; use PLAN_FREE, PLAN_PAY_PER_CALL, "
                + "PLAN_MONTHLY or PLAN_ENTERPRISE");
    }

    /** The proto enum value. */
    public io.zkinfer.api.v1.Plan toProto() {
        return proto;
    }

    /** The plan's name as {@link Plan#kind()} spells it, e.g. {@code pay-per-call}. */
    @Override
    public String toString() {
        return label;
    }
}
