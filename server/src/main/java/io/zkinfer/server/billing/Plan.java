package io.zkinfer.server.billing;

/**
 * What an account pays for calls. Months are calendar months in UTC.
 * <ul>
 *   <li>{@link Free}: up to {@code callsPerMonth} calls a month at no charge, then refused.</li>
 *   <li>{@link PayPerCall}: every call pays its {@link Quote}.</li>
 *   <li>{@link Subscription}: a monthly fee (to the platform) paid by {@code Subscribe}; it includes
 *       {@code includedCalls} calls that month; calls beyond them, and every call in a month not paid for, pay
 *       their quote.</li>
 *   <li>{@link Enterprise}: every call pays its quote, up to a contracted {@code callsPerMonth}, then refused.</li>
 * </ul>
 */
public sealed interface Plan {

    /** The stored name of the plan's kind. */
    String kind();

    /** The free tier. */
    record Free(long callsPerMonth) implements Plan {
        /** The default free tier: 1000 calls a month. */
        public static final Free DEFAULT = new Free(1000);

        public Free {
            requireCount("free tier calls per month", callsPerMonth);
        }

        @Override
        public String kind() {
            return "free";
        }
    }

    /** Pay for every call. */
    record PayPerCall() implements Plan {
        @Override
        public String kind() {
            return "pay-per-call";
        }
    }

    /** A monthly fee with calls included. */
    record Subscription(Money monthlyFee, long includedCalls) implements Plan {
        public Subscription {
            if (monthlyFee == null || monthlyFee.isNegative()) {
                throw new IllegalArgumentException("subscription fee is " + monthlyFee + "; give zero or more");
            }
            requireCount("subscription included calls", includedCalls);
        }

        @Override
        public String kind() {
            return "subscription";
        }
    }

    /** A contracted monthly quota, each call paid. */
    record Enterprise(long callsPerMonth) implements Plan {
        public Enterprise {
            requireCount("enterprise calls per month", callsPerMonth);
        }

        @Override
        public String kind() {
            return "enterprise";
        }
    }

    private static void requireCount(String what, long count) {
        if (count < 0) {
            throw new IllegalArgumentException(what + " is " + count + "; give zero or more");
        }
    }
}
