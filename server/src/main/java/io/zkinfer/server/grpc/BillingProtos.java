package io.zkinfer.server.grpc;

import com.google.protobuf.Timestamp;
import io.zkinfer.api.v1.ModelRef;
import io.zkinfer.api.v1.PayoutResponse;
import io.zkinfer.api.v1.PayoutStatus;
import io.zkinfer.api.v1.PriceComponents;
import io.zkinfer.api.v1.RevenueSplit;
import io.zkinfer.api.v1.RoundingRule;
import io.zkinfer.api.v1.StatementLineKind;
import io.zkinfer.api.v1.Subscription;
import io.zkinfer.server.billing.Coin;
import io.zkinfer.server.billing.Money;
import io.zkinfer.server.billing.Payout;
import io.zkinfer.server.billing.Plan;
import io.zkinfer.server.billing.PlanCatalog;
import io.zkinfer.server.billing.PlanStatus;
import io.zkinfer.server.billing.Quote;
import io.zkinfer.server.billing.Split;
import io.zkinfer.server.billing.StatementLine;
import io.zkinfer.server.billing.UsageRecord;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/**
 * The one translation between the billing messages of {@code zkinfer.v1} and the billing domain: money, plans, quote
 * components and splits, subscriptions, usage records, statement lines, times and model references (pricing policies
 * are in {@link PricingProtos}). Requests are refused here when malformed, with an {@link IllegalArgumentException}
 * naming the field (INVALID_ARGUMENT): a negative amount, a currency other than the node's, an unset or unknown enum,
 * a timestamp out of range. Money is integer minor units on both sides; nothing here is floating point.
 */
public final class BillingProtos {

    /** The coin this node keeps its ledger in: ZKC, 6 decimals. */
    public static final Coin COIN = Coin.ZKC;

    private static final long MIN_SECONDS = -62_135_596_800L; // 0001-01-01T00:00:00Z
    private static final long MAX_SECONDS = 253_402_300_799L; // 9999-12-31T23:59:59Z
    private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,17}");

    private BillingProtos() {
    }

    // ---- money

    /** {@code money} as a message (minor units and currency code). */
    public static io.zkinfer.api.v1.Money toProto(Money money) {
        return io.zkinfer.api.v1.Money.newBuilder().setMinorUnits(money.minor()).setCurrency(money.coin().code()).build();
    }

    /** The amount in request field {@code field}: zero or more, in the node's coin. */
    public static Money amount(io.zkinfer.api.v1.Money proto, String field) {
        String currency = proto.getCurrency();
        if (currency.isEmpty()) {
            throw new IllegalArgumentException(field + ".currency is empty; amounts are in " + COIN.code()
                    + " (minor units of " + COIN.decimals() + " decimals)");
        }
        if (!currency.equals(COIN.code())) {
            throw new IllegalArgumentException(field + ".currency is '" + currency + "'; this node accounts in " + COIN.code() + " only");
        }
        if (proto.getMinorUnits() < 0) {
            throw new IllegalArgumentException(field + " is " + proto.getMinorUnits() + " minor units; give zero or more");
        }
        return Money.of(proto.getMinorUnits(), COIN);
    }

    /** The amount in request field {@code field}: more than zero, in the node's coin. */
    public static Money positiveAmount(io.zkinfer.api.v1.Money proto, String field) {
        Money amount = amount(proto, field);
        if (amount.isZero()) {
            throw new IllegalArgumentException(field + " is zero; give more than zero minor units of " + COIN.code());
        }
        return amount;
    }

    // ---- plans

    /** The message enum of {@code plan}'s kind. */
    public static io.zkinfer.api.v1.Plan toProto(Plan plan) {
        if (plan instanceof Plan.Free) {
            return io.zkinfer.api.v1.Plan.PLAN_FREE;
        }
        if (plan instanceof Plan.PayPerCall) {
            return io.zkinfer.api.v1.Plan.PLAN_PAY_PER_CALL;
        }
        if (plan instanceof Plan.Subscription) {
            return io.zkinfer.api.v1.Plan.PLAN_MONTHLY;
        }
        return io.zkinfer.api.v1.Plan.PLAN_ENTERPRISE;
    }

    /**
     * The plan request field {@code field} chooses, with the terms of {@code catalog}. An enterprise plan's quota is
     * contracted per account, so no request names one by its enum alone.
     */
    public static Plan plan(io.zkinfer.api.v1.Plan proto, PlanCatalog catalog, String field) {
        return switch (proto) {
            case PLAN_FREE -> catalog.freeTier();
            case PLAN_PAY_PER_CALL -> new Plan.PayPerCall();
            case PLAN_MONTHLY -> catalog.monthly();
            case PLAN_ENTERPRISE -> throw new IllegalArgumentException(field + " is PLAN_ENTERPRISE, whose monthly quota is "
                    + "contracted per account; an operator sets it for the account");
            case PLAN_UNSPECIFIED -> throw new IllegalArgumentException(field + " is unset; choose PLAN_FREE, PLAN_PAY_PER_CALL or PLAN_MONTHLY");
            case UNRECOGNIZED -> throw new IllegalArgumentException(field + " is not a plan this node knows; choose PLAN_FREE, "
                    + "PLAN_PAY_PER_CALL or PLAN_MONTHLY");
        };
    }

    /** {@code status} as the Subscription message: the plan, the month's bounds, included and used calls, the fee. */
    public static Subscription toProto(PlanStatus status) {
        return Subscription.newBuilder()
                .setPlan(toProto(status.plan()))
                .setPeriodStart(toProto(status.month().atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
                .setPeriodEnd(toProto(status.month().plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant()))
                .setIncludedCalls(status.includedCalls())
                .setUsedCalls(status.usedCalls())
                .setFee(toProto(status.fee()))
                .build();
    }

    // ---- quotes

    /** The components of {@code quote}'s price; billing rounds half up, once. */
    public static PriceComponents components(Quote quote) {
        return PriceComponents.newBuilder()
                .setBase(toProto(quote.base()))
                .setDemandFactorBps(quote.demandBps())
                .setQualityBonusBps(quote.qualityBonusBps())
                .setVolumeDiscountBps(quote.volumeDiscountBps())
                .setTimeOfDayFactorBps(quote.timeOfDayBps())
                .setRounding(RoundingRule.ROUNDING_RULE_HALF_UP)
                .build();
    }

    /** {@code split} as the RevenueSplit message. */
    public static RevenueSplit toProto(Split split) {
        return RevenueSplit.newBuilder()
                .setDeveloperShareBps(split.developerShareBps())
                .setDeveloper(toProto(split.developer()))
                .setPlatform(toProto(split.platform()))
                .build();
    }

    // ---- times

    /** {@code at} as a Timestamp. */
    public static Timestamp toProto(Instant at) {
        return Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()).build();
    }

    /** The instant in request field {@code field}, refused outside the years 1 to 9999 or with nanos outside 0..999999999. */
    public static Instant instant(Timestamp proto, String field) {
        if (proto.getSeconds() < MIN_SECONDS || proto.getSeconds() > MAX_SECONDS || proto.getNanos() < 0 || proto.getNanos() > 999_999_999) {
            throw new IllegalArgumentException(field + " (" + proto.getSeconds() + " s, " + proto.getNanos()
                    + " ns) is not a valid timestamp; give a time between the years 1 and 9999");
        }
        return Instant.ofEpochSecond(proto.getSeconds(), proto.getNanos());
    }

    // ---- model references

    /** The ledger's name of model version {@code version} (1, 2, ...): its decimal digits. */
    public static String versionId(long version) {
        if (version < 1) {
            throw new IllegalArgumentException("model version " + version + " is not a version; versions count from 1");
        }
        return Long.toString(version);
    }

    /** The ModelRef of a model version as the ledger names it ({@link #versionId}). */
    public static ModelRef modelRef(String modelId, String versionId) {
        if (versionId == null || !VERSION.matcher(versionId).matches()) {
            throw new IllegalStateException("model '" + modelId + "' has version '" + versionId + "' in the ledger, which is not a "
                    + "version number; calls must be metered under BillingProtos.versionId(version)");
        }
        return ModelRef.newBuilder().setModelId(modelId).setVersion(Long.parseLong(versionId)).build();
    }

    // ---- reports

    /** {@code record} as the UsageRecord message. */
    public static io.zkinfer.api.v1.UsageRecord toProto(UsageRecord record) {
        return io.zkinfer.api.v1.UsageRecord.newBuilder()
                .setModel(modelRef(record.modelId(), record.modelVersion()))
                .setCalls(record.calls())
                .setProvenCalls(record.provenCalls())
                .setFailedCalls(record.failedCalls())
                .setCharged(toProto(record.charged()))
                .build();
    }

    /** {@code line} as the StatementLine message. */
    public static io.zkinfer.api.v1.StatementLine toProto(StatementLine line) {
        io.zkinfer.api.v1.StatementLine.Builder b = io.zkinfer.api.v1.StatementLine.newBuilder()
                .setEntryId(line.entryId())
                .setAt(toProto(line.at()))
                .setKind(toProto(line.kind()))
                .setAmount(toProto(line.amount()))
                .setBalanceAfter(toProto(line.availableAfter()))
                .setReference(line.reference());
        if (line.modelId() != null) {
            b.setModel(modelRef(line.modelId(), line.modelVersion()));
        }
        return b.build();
    }

    /** A payout as the API shows it. */
    public static PayoutResponse toProto(Payout p) {
        PayoutResponse.Builder b = PayoutResponse.newBuilder()
                .setPayoutId(p.payoutId())
                .setAccountId(p.developerId())
                .setAmount(toProto(p.amount()))
                .setDestination(p.destination())
                .setStatus(toProto(p.status()))
                .setRequestedAt(toProto(p.requestedAt()));
        if (p.closedAt() != null) {
            b.setClosedAt(toProto(p.closedAt())).setReference(p.note());
        }
        return b.build();
    }

    public static PayoutStatus toProto(Payout.Status status) {
        return switch (status) {
            case PENDING -> PayoutStatus.PAYOUT_STATUS_PENDING;
            case COMPLETED -> PayoutStatus.PAYOUT_STATUS_COMPLETED;
            case FAILED -> PayoutStatus.PAYOUT_STATUS_FAILED;
        };
    }

    /** The payout status of {@code status}; refuses UNSPECIFIED and unknown numbers. */
    public static Payout.Status payoutStatus(PayoutStatus status) {
        return switch (status) {
            case PAYOUT_STATUS_PENDING -> Payout.Status.PENDING;
            case PAYOUT_STATUS_COMPLETED -> Payout.Status.COMPLETED;
            case PAYOUT_STATUS_FAILED -> Payout.Status.FAILED;
            default -> throw new IllegalArgumentException("status is not a payout status; give PAYOUT_STATUS_PENDING,"
                    + " PAYOUT_STATUS_COMPLETED or PAYOUT_STATUS_FAILED, or leave it unset");
        };
    }

    /** The message enum of a statement line's kind. */
    public static StatementLineKind toProto(StatementLine.Kind kind) {
        return switch (kind) {
            case DEPOSIT -> StatementLineKind.STATEMENT_LINE_KIND_DEPOSIT;
            case CHARGE -> StatementLineKind.STATEMENT_LINE_KIND_CHARGE;
            case HOLD -> StatementLineKind.STATEMENT_LINE_KIND_HOLD;
            case SETTLEMENT -> StatementLineKind.STATEMENT_LINE_KIND_SETTLEMENT;
            case RELEASE -> StatementLineKind.STATEMENT_LINE_KIND_RELEASE;
            case SUBSCRIPTION_FEE -> StatementLineKind.STATEMENT_LINE_KIND_SUBSCRIPTION_FEE;
            case EARNING -> StatementLineKind.STATEMENT_LINE_KIND_EARNING;
            case PAYOUT -> StatementLineKind.STATEMENT_LINE_KIND_PAYOUT;
            case PAYOUT_RETURNED -> StatementLineKind.STATEMENT_LINE_KIND_PAYOUT_RETURNED;
        };
    }
}
