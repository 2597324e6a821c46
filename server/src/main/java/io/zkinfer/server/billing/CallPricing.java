package io.zkinfer.server.billing;

import java.time.YearMonth;

/**
 * What one call costs under an account's plan, given the calls it already made this month (all models) and the
 * call's quote. Refuses with {@link QuotaExhaustedException} when the plan allows no more calls this month.
 */
public final class CallPricing {

    /** The plan's verdict: which part of the plan pays, and the amount charged (zero when the plan covers it). */
    public record Decision(Call.Basis basis, Money amount) {
    }

    private CallPricing() {
    }

    /**
     * Decides the charge of a call by {@code client} in {@code month} under {@code plan} ({@code paidPeriod}: the
     * month a subscription was paid for, or null), after {@code callsThisMonth} earlier calls.
     */
    public static Decision decide(String client, Plan plan, String paidPeriod, YearMonth month, long callsThisMonth, Quote quote) {
        Money zero = Money.zero(quote.amount().coin());
        if (plan instanceof Plan.Free free) {
            if (callsThisMonth >= free.callsPerMonth()) {
                throw new QuotaExhaustedException("free tier of " + calls(free.callsPerMonth()) + " a month is used up for account '"
                        + client + "' in " + month + " (UTC); deposit funds and switch to pay-per-call, subscribe, or wait until "
                        + month.plusMonths(1).atDay(1) + " UTC");
            }
            return new Decision(Call.Basis.FREE_TIER, zero);
        }
        if (plan instanceof Plan.Subscription subscription) {
            if (month.toString().equals(paidPeriod) && callsThisMonth < subscription.includedCalls()) {
                return new Decision(Call.Basis.SUBSCRIPTION_INCLUDED, zero);
            }
            return new Decision(Call.Basis.PAY_PER_CALL, quote.amount());
        }
        if (plan instanceof Plan.Enterprise enterprise) {
            if (callsThisMonth >= enterprise.callsPerMonth()) {
                throw new QuotaExhaustedException("enterprise quota of " + calls(enterprise.callsPerMonth()) + " a month is used up for account '"
                        + client + "' in " + month + " (UTC); raise the quota with the operator or wait until "
                        + month.plusMonths(1).atDay(1) + " UTC");
            }
            return new Decision(Call.Basis.ENTERPRISE, quote.amount());
        }
        return new Decision(Call.Basis.PAY_PER_CALL, quote.amount());
    }

    private static String calls(long n) {
        return n + (n == 1 ? " call" : " calls");
    }
}
