package io.zkinfer.server.access;

import io.zkinfer.api.v1.AccessMode;
import io.zkinfer.api.v1.AccessPolicy;
import io.zkinfer.server.grpc.ServiceException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Who may call a model and how often: the domain form of the API's {@code AccessPolicy}. The model's owner and
 * operators may always call it. Otherwise {@link Mode#PUBLIC} admits every authenticated account,
 * {@link Mode#PRIVATE} nobody else, and {@link Mode#ALLOW_LIST} an account that is in {@code allowedAccountIds}
 * (when that is non-empty) and on a plan in {@code allowedPlans} (when that is non-empty): the API's "only the
 * accounts in allowed_account_ids and on the allowed plans", with an empty list not restricting its side. An
 * allow-list naming neither accounts nor plans is refused, since it would quietly admit everyone.
 * {@code rateLimitPerMinute} limits each API key's calls of the model; 0 leaves the server's default.
 */
public record ModelAccess(Mode mode, Set<String> allowedAccountIds, Set<PlanKind> allowedPlans,
                          int rateLimitPerMinute) {

    /** How a model is shared. */
    public enum Mode {
        /** Any authenticated account. */
        PUBLIC(AccessMode.ACCESS_MODE_PUBLIC),
        /** The listed accounts, on the listed plans. */
        ALLOW_LIST(AccessMode.ACCESS_MODE_ALLOW_LIST),
        /** The owner only. */
        PRIVATE(AccessMode.ACCESS_MODE_PRIVATE);

        private final AccessMode proto;

        Mode(AccessMode proto) {
            this.proto = proto;
        }

        /** The API's value. */
        public AccessMode toProto() {
            return proto;
        }

        /** The mode an API value names; unset means {@link #PRIVATE}, as the API documents. */
        public static Mode fromProto(AccessMode mode) {
            if (mode == AccessMode.ACCESS_MODE_UNSPECIFIED) {
                return PRIVATE;
            }
            for (Mode m : values()) {
                if (m.proto == mode) {
                    return m;
                }
            }
            throw new IllegalArgumentException("access mode " + mode + " is not one this server knows; use "
                    + "ACCESS_MODE_PUBLIC, ACCESS_MODE_ALLOW_LIST or ACCESS_MODE_PRIVATE");
        }
    }

    public ModelAccess {
        Objects.requireNonNull(mode, "mode");
        allowedAccountIds = Collections.unmodifiableSet(new TreeSet<>(Objects.requireNonNull(allowedAccountIds,
                "allowedAccountIds")));
        Objects.requireNonNull(allowedPlans, "allowedPlans");
        allowedPlans = Collections.unmodifiableSet(allowedPlans.isEmpty() ? EnumSet.noneOf(PlanKind.class)
                : EnumSet.copyOf(allowedPlans));
        for (String account : allowedAccountIds) {
            if (account.isBlank()) {
                throw new IllegalArgumentException("allowed_account_ids holds an empty account id; remove it");
            }
        }
        if (mode != Mode.ALLOW_LIST && (!allowedAccountIds.isEmpty() || !allowedPlans.isEmpty())) {
            throw new IllegalArgumentException("allowed_account_ids and allowed_plans apply only to "
                    + "ACCESS_MODE_ALLOW_LIST, but the mode is " + mode.toProto() + "; clear them or change the mode");
        }
        if (mode == Mode.ALLOW_LIST && allowedAccountIds.isEmpty() && allowedPlans.isEmpty()) {
            throw new IllegalArgumentException("an ACCESS_MODE_ALLOW_LIST policy lists no accounts and no plans; "
                    + "list the accounts or plans it admits, or use ACCESS_MODE_PUBLIC or ACCESS_MODE_PRIVATE");
        }
        if (rateLimitPerMinute < 0) {
            throw new IllegalArgumentException("rate_limit_per_minute is " + rateLimitPerMinute
                    + "; give a positive limit, or 0 for the server's default");
        }
    }

    /** Only the owner (and operators), at the server's default rate; the API's default. */
    public static ModelAccess ownerOnly() {
        return new ModelAccess(Mode.PRIVATE, Set.of(), Set.of(), 0);
    }

    /** Every authenticated account, at the server's default rate. */
    public static ModelAccess everyone() {
        return new ModelAccess(Mode.PUBLIC, Set.of(), Set.of(), 0);
    }

    /** The rules an API {@code AccessPolicy} states; {@link IllegalArgumentException} (INVALID_ARGUMENT) when malformed. */
    public static ModelAccess fromProto(AccessPolicy policy) {
        Set<PlanKind> plans = policy.getAllowedPlansList().stream().map(PlanKind::fromProto)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(PlanKind.class)));
        return new ModelAccess(Mode.fromProto(policy.getMode()), Set.copyOf(policy.getAllowedAccountIdsList()), plans,
                policy.getRateLimitPerMinute());
    }

    /** These rules as an API {@code AccessPolicy} (accounts sorted, plans in the enum's order). */
    public AccessPolicy toProto() {
        return AccessPolicy.newBuilder()
                .setMode(mode.toProto())
                .addAllAllowedAccountIds(allowedAccountIds)
                .addAllAllowedPlans(allowedPlans.stream().map(PlanKind::toProto).toList())
                .setRateLimitPerMinute(rateLimitPerMinute)
                .build();
    }

    /**
     * Whether {@code caller}, on a plan of kind {@code callerPlan} (asked only when the rules name plans), may call
     * a model that {@code ownerAccountId} owns.
     */
    public boolean admits(Caller caller, String ownerAccountId, Supplier<PlanKind> callerPlan) {
        return refusal("", caller, ownerAccountId, callerPlan) == null;
    }

    /**
     * Refuses with PERMISSION_DENIED, saying why and what to do, unless {@code caller} (on a plan of kind
     * {@code callerPlan}) may call model {@code modelId}, which {@code ownerAccountId} owns.
     */
    public void check(String modelId, Caller caller, String ownerAccountId, Supplier<PlanKind> callerPlan) {
        String refusal = refusal(modelId, caller, ownerAccountId, callerPlan);
        if (refusal != null) {
            throw ServiceException.denied(refusal);
        }
    }

    /**
     * {@link #check} and then the per-key rate limit for this model (its own, else {@code serverDefault}), refused
     * with RESOURCE_EXHAUSTED when used up.
     */
    public void admit(String modelId, Caller caller, String ownerAccountId, Supplier<PlanKind> callerPlan,
                      RateLimiter limiter,
                      RateLimit serverDefault) {
        check(modelId, caller, ownerAccountId, callerPlan);
        RateLimit limit = rateLimit().orElse(Objects.requireNonNull(serverDefault, "serverDefault"));
        limiter.acquire(RateLimiter.modelBucket(caller.keyId(), modelId), limit,
                "API key " + caller.keyId() + " on model " + modelId);
    }

    /** The model's own per-key limit; empty when it keeps the server's default. */
    public Optional<RateLimit> rateLimit() {
        return rateLimitPerMinute == 0 ? Optional.empty() : Optional.of(RateLimit.perMinute(rateLimitPerMinute));
    }

    private String refusal(String modelId, Caller caller, String ownerAccountId, Supplier<PlanKind> callerPlan) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(ownerAccountId, "ownerAccountId");
        Objects.requireNonNull(callerPlan, "callerPlan");
        if (caller.operator() || caller.accountId().equals(ownerAccountId)) {
            return null;
        }
        return switch (mode) {
            case PUBLIC -> null;
            case PRIVATE -> "model " + modelId + " is private to its owner; account " + caller.accountId()
                    + " may not call it";
            case ALLOW_LIST -> {
                if (!allowedAccountIds.isEmpty() && !allowedAccountIds.contains(caller.accountId())) {
                    yield "account " + caller.accountId() + " is not on the allow-list of model " + modelId
                            + "; ask the model's owner to add it";
                }
                if (!allowedPlans.isEmpty() && !allowedPlans.contains(callerPlan.get())) {
                    yield "model " + modelId + " is open only to accounts on the "
                            + allowedPlans.stream().map(PlanKind::toString).collect(Collectors.joining(" or "))
                            + " plan; account " + caller.accountId() + " is on the " + callerPlan.get()
                            + " plan (change it with Subscribe)";
                }
                yield null;
            }
        };
    }
}
