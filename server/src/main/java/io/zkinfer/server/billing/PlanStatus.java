package io.zkinfer.server.billing;

import java.time.YearMonth;

/**
 * An account's plan in one calendar month (UTC) and how much of it is used.
 *
 * @param plan             the plan
 * @param month            the month
 * @param includedCalls    the calls the plan allows this month: the free tier's calls, a subscription's included calls
 *                         when its fee was paid for this month (otherwise none), an enterprise quota; none for
 *                         pay-per-call
 * @param usedCalls        calls metered this month, all models (released calls do not count)
 * @param coveredCallsLeft calls left this month that the plan covers at no charge (free tier and paid subscription;
 *                         enterprise and pay-per-call calls always pay their quote)
 * @param fee              the plan's monthly fee (zero but for a subscription)
 */
public record PlanStatus(Plan plan, YearMonth month, long includedCalls, long usedCalls, long coveredCallsLeft, Money fee) {

    /**
     * The status of {@code plan} in {@code month} after {@code usedCalls} calls, a subscription's fee having been paid
     * for {@code paidPeriod} ({@code YYYY-MM}, or null), in the rules {@link CallPricing} charges by.
     */
    public static PlanStatus of(Plan plan, String paidPeriod, YearMonth month, long usedCalls, Coin coin) {
        Money zero = Money.zero(coin);
        if (plan instanceof Plan.Free free) {
            return new PlanStatus(plan, month, free.callsPerMonth(), usedCalls, left(free.callsPerMonth(), usedCalls), zero);
        }
        if (plan instanceof Plan.Subscription subscription) {
            long included = month.toString().equals(paidPeriod) ? subscription.includedCalls() : 0;
            return new PlanStatus(plan, month, included, usedCalls, left(included, usedCalls), subscription.monthlyFee());
        }
        if (plan instanceof Plan.Enterprise enterprise) {
            return new PlanStatus(plan, month, enterprise.callsPerMonth(), usedCalls, 0, zero);
        }
        return new PlanStatus(plan, month, 0, usedCalls, 0, zero);
    }

    private static long left(long included, long used) {
        return Math.max(0, included - used);
    }
}
