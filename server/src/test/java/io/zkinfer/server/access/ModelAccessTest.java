package io.zkinfer.server.access;

import io.grpc.Status;
import io.zkinfer.api.v1.AccessMode;
import io.zkinfer.api.v1.AccessPolicy;
import io.zkinfer.api.v1.Plan;
import io.zkinfer.server.billing.Money;
import io.zkinfer.server.grpc.ServiceException;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.zkinfer.server.access.PlanKind.ENTERPRISE;
import static io.zkinfer.server.access.PlanKind.FREE;
import static io.zkinfer.server.access.PlanKind.PAY_PER_CALL;
import static io.zkinfer.server.access.PlanKind.SUBSCRIPTION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelAccessTest {

    private static final String OWNER = "dev";
    private static final Caller OWNER_KEY = new Caller(OWNER, "ownerkey0001", false);
    private static final Caller OPERATOR = new Caller("ops", "opskey000001", true);
    private static final Caller ALICE = new Caller("alice", "alicekey0001", false);
    private static final Caller BOB = new Caller("bob", "bobkey000001", false);

    private static final ModelAccess PUBLIC = ModelAccess.everyone();
    private static final ModelAccess PRIVATE = ModelAccess.ownerOnly();
    private static final ModelAccess ALICE_ONLY = new ModelAccess(ModelAccess.Mode.ALLOW_LIST, Set.of("alice"), Set.of(), 0);
    private static final ModelAccess PAYING_PLANS = new ModelAccess(ModelAccess.Mode.ALLOW_LIST, Set.of(),
            Set.of(SUBSCRIPTION, ENTERPRISE), 0);
    private static final ModelAccess ALICE_ON_ENTERPRISE = new ModelAccess(ModelAccess.Mode.ALLOW_LIST,
            Set.of("alice"), Set.of(ENTERPRISE), 0);

    /** policy, caller, caller's plan, the refusal (null: admitted). */
    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("public admits anyone", PUBLIC, BOB, FREE, null),
                Arguments.of("private admits the owner", PRIVATE, OWNER_KEY, FREE, null),
                Arguments.of("private admits operators", PRIVATE, OPERATOR, FREE, null),
                Arguments.of("private refuses others", PRIVATE, ALICE, ENTERPRISE,
                        "model m1 is private to its owner; account alice may not call it"),
                Arguments.of("a listed account passes", ALICE_ONLY, ALICE, FREE, null),
                Arguments.of("an unlisted account is refused", ALICE_ONLY, BOB, ENTERPRISE,
                        "account bob is not on the allow-list of model m1; ask the model's owner to add it"),
                Arguments.of("the owner needs no listing", ALICE_ONLY, OWNER_KEY, FREE, null),
                Arguments.of("operators need no listing", ALICE_ONLY, OPERATOR, FREE, null),
                Arguments.of("an allowed plan passes", PAYING_PLANS, BOB, SUBSCRIPTION, null),
                Arguments.of("another allowed plan passes", PAYING_PLANS, ALICE, ENTERPRISE, null),
                Arguments.of("a plan not allowed is refused", PAYING_PLANS, BOB, FREE,
                        "model m1 is open only to accounts on the subscription or enterprise plan; account bob is on "
                                + "the free plan (change it with Subscribe)"),
                Arguments.of("pay per call is not a subscription", PAYING_PLANS, BOB, PAY_PER_CALL,
                        "model m1 is open only to accounts on the subscription or enterprise plan; account bob is on "
                                + "the pay-per-call plan (change it with Subscribe)"),
                Arguments.of("listed and on the plan", ALICE_ON_ENTERPRISE, ALICE, ENTERPRISE, null),
                Arguments.of("listed but on another plan", ALICE_ON_ENTERPRISE, ALICE, FREE,
                        "model m1 is open only to accounts on the enterprise plan; account alice is on the free plan "
                                + "(change it with Subscribe)"),
                Arguments.of("on the plan but unlisted", ALICE_ON_ENTERPRISE, BOB, ENTERPRISE,
                        "account bob is not on the allow-list of model m1; ask the model's owner to add it"),
                Arguments.of("the owner on any plan", ALICE_ON_ENTERPRISE, OWNER_KEY, FREE, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void accessRules(String rule, ModelAccess access, Caller caller, PlanKind plan, String refusal) {
        assertEquals(refusal == null, access.admits(caller, OWNER, () -> plan));
        if (refusal == null) {
            access.check("m1", caller, OWNER, () -> plan);
        } else {
            ServiceException e = assertThrows(ServiceException.class, () -> access.check("m1", caller, OWNER, () -> plan));
            assertEquals(Status.Code.PERMISSION_DENIED, e.code());
            assertEquals(refusal, e.getMessage());
        }
    }

    @Test
    void policiesRoundTripThroughTheProto() {
        AccessPolicy proto = AccessPolicy.newBuilder().setMode(AccessMode.ACCESS_MODE_ALLOW_LIST)
                .addAllowedAccountIds("zed").addAllowedAccountIds("amy")
                .addAllowedPlans(Plan.PLAN_ENTERPRISE).addAllowedPlans(Plan.PLAN_MONTHLY)
                .setRateLimitPerMinute(120).build();
        ModelAccess access = ModelAccess.fromProto(proto);
        assertEquals(new ModelAccess(ModelAccess.Mode.ALLOW_LIST, Set.of("amy", "zed"), Set.of(SUBSCRIPTION, ENTERPRISE),
                120), access);
        assertEquals(proto.toBuilder().clearAllowedAccountIds().addAllowedAccountIds("amy").addAllowedAccountIds("zed")
                .clearAllowedPlans().addAllowedPlans(Plan.PLAN_MONTHLY).addAllowedPlans(Plan.PLAN_ENTERPRISE).build(),
                access.toProto());
        assertEquals(access, ModelAccess.fromProto(access.toProto()));
        assertEquals(RateLimit.perMinute(120), access.rateLimit().orElseThrow());
        assertEquals(ModelAccess.ownerOnly(), ModelAccess.fromProto(AccessPolicy.getDefaultInstance()),
                "an unset mode is private, as the API says");
        assertTrue(ModelAccess.ownerOnly().rateLimit().isEmpty());
        for (PlanKind kind : PlanKind.values()) {
            assertEquals(kind, PlanKind.fromProto(kind.toProto()));
        }
    }

    @Test
    void malformedPoliciesAreRefusedNamingTheProblem() {
        assertEquals("an ACCESS_MODE_ALLOW_LIST policy lists no accounts and no plans; list the accounts or plans it "
                        + "admits, or use ACCESS_MODE_PUBLIC or ACCESS_MODE_PRIVATE",
                refusal(AccessPolicy.newBuilder().setMode(AccessMode.ACCESS_MODE_ALLOW_LIST)));
        assertEquals("allowed_account_ids and allowed_plans apply only to ACCESS_MODE_ALLOW_LIST, but the mode is "
                        + "ACCESS_MODE_PUBLIC; clear them or change the mode",
                refusal(AccessPolicy.newBuilder().setMode(AccessMode.ACCESS_MODE_PUBLIC).addAllowedAccountIds("amy")));
        assertEquals("rate_limit_per_minute is -1; give a positive limit, or 0 for the server's default",
                refusal(AccessPolicy.newBuilder().setMode(AccessMode.ACCESS_MODE_PUBLIC).setRateLimitPerMinute(-1)));
        assertEquals("plan PLAN_UNSPECIFIED names no plan; use PLAN_FREE, PLAN_PAY_PER_CALL, PLAN_MONTHLY or "
                        + "PLAN_ENTERPRISE",
                refusal(AccessPolicy.newBuilder().setMode(AccessMode.ACCESS_MODE_ALLOW_LIST)
                        .addAllowedPlans(Plan.PLAN_UNSPECIFIED)));
        assertEquals("allowed_account_ids holds an empty account id; remove it",
                refusal(AccessPolicy.newBuilder().setMode(AccessMode.ACCESS_MODE_ALLOW_LIST).addAllowedAccountIds(" ")));
        assertTrue(refusal(AccessPolicy.newBuilder().setModeValue(42)).startsWith("access mode UNRECOGNIZED"));
    }

    private static String refusal(AccessPolicy.Builder policy) {
        return assertThrows(IllegalArgumentException.class, () -> ModelAccess.fromProto(policy.build())).getMessage();
    }

    @Test
    void admitChecksTheRulesThenTheModelsOwnRateLimitOrTheServerDefault() {
        ManualTime time = new ManualTime(Instant.EPOCH);
        RateLimiter limiter = new RateLimiter(time.nanoClock(), 100);
        ModelAccess limited = new ModelAccess(ModelAccess.Mode.PUBLIC, Set.of(), Set.of(), 2);
        RateLimit serverDefault = RateLimit.perMinute(1000);
        limited.admit("m1", ALICE, OWNER, () -> FREE, limiter, serverDefault);
        limited.admit("m1", ALICE, OWNER, () -> FREE, limiter, serverDefault);
        ServiceException e = assertThrows(ServiceException.class,
                () -> limited.admit("m1", ALICE, OWNER, () -> FREE, limiter, serverDefault));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.code());
        assertEquals("rate limit of 2 calls per minute for API key alicekey0001 on model m1 reached; retry in 30 s",
                e.getMessage());
        limited.admit("m2", ALICE, OWNER, () -> FREE, limiter, serverDefault);
        limited.admit("m1", BOB, OWNER, () -> FREE, limiter, serverDefault);

        ModelAccess defaultRate = ModelAccess.everyone();
        defaultRate.admit("m3", ALICE, OWNER, () -> FREE, limiter, RateLimit.perMinute(1));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, assertThrows(ServiceException.class,
                () -> defaultRate.admit("m3", ALICE, OWNER, () -> FREE, limiter, RateLimit.perMinute(1))).code());

        RateLimiter untouched = new RateLimiter(time.nanoClock(), 100);
        assertEquals(Status.Code.PERMISSION_DENIED, assertThrows(ServiceException.class,
                () -> ModelAccess.ownerOnly().admit("m1", BOB, OWNER, () -> FREE, untouched, serverDefault)).code());
        assertEquals(0, untouched.size(), "a refused caller takes no token");
    }

    @Test
    void billingPlansMapToTheirKinds() {
        assertEquals(FREE, PlanKind.of(io.zkinfer.server.billing.Plan.Free.DEFAULT));
        assertEquals(PAY_PER_CALL, PlanKind.of(new io.zkinfer.server.billing.Plan.PayPerCall()));
        assertEquals(SUBSCRIPTION, PlanKind.of(new io.zkinfer.server.billing.Plan.Subscription(Money.zkc(5), 10)));
        assertEquals(ENTERPRISE, PlanKind.of(new io.zkinfer.server.billing.Plan.Enterprise(100)));
        assertEquals(new io.zkinfer.server.billing.Plan.PayPerCall().kind(), PAY_PER_CALL.toString());
        assertEquals(new io.zkinfer.server.billing.Plan.Enterprise(1).kind(), ENTERPRISE.toString());
        assertEquals(io.zkinfer.server.billing.Plan.Free.DEFAULT.kind(), FREE.toString());
        assertEquals(new io.zkinfer.server.billing.Plan.Subscription(Money.zkc(0), 0).kind(), SUBSCRIPTION.toString());
    }
}
