package io.zkinfer.server.billing;

/**
 * One account of the double-entry ledger, named {@code kind:owner}. A posting's amount is added to the
 * account's balance; every account but {@link Kind#EXTERNAL} must stay at zero or above. The external account is the
 * world outside the ledger: deposits come from it (it goes negative by what operators credited) and payouts go back
 * to it.
 *
 * @param kind  what the account holds
 * @param owner the client, developer or {@code platform}/{@code world}
 */
public record LedgerAccount(Kind kind, String owner) {

    /** What an account holds. */
    public enum Kind {
        /** A client's spendable funds. */
        CLIENT_AVAILABLE("client-available"),
        /** A client's funds reserved for proven calls in flight. */
        CLIENT_HELD("client-held"),
        /** A model developer's earnings, paid out on request. */
        DEVELOPER_EARNINGS("developer-earnings"),
        /** The platform's revenue. */
        PLATFORM_REVENUE("platform-revenue"),
        /** Outside the ledger: operator deposits in, payouts out. May go negative. */
        EXTERNAL("external");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    public LedgerAccount {
        if (kind == null) {
            throw new IllegalArgumentException("ledger account needs a kind");
        }
        PricingPolicy.requireId(kind.prefix() + " owner", owner);
    }

    public static LedgerAccount clientAvailable(String client) {
        return new LedgerAccount(Kind.CLIENT_AVAILABLE, client);
    }

    public static LedgerAccount clientHeld(String client) {
        return new LedgerAccount(Kind.CLIENT_HELD, client);
    }

    public static LedgerAccount developerEarnings(String developer) {
        return new LedgerAccount(Kind.DEVELOPER_EARNINGS, developer);
    }

    public static LedgerAccount platformRevenue() {
        return new LedgerAccount(Kind.PLATFORM_REVENUE, "platform");
    }

    public static LedgerAccount external() {
        return new LedgerAccount(Kind.EXTERNAL, "world");
    }

    /** Whether the balance may go below zero (only the external account). */
    public boolean mayGoNegative() {
        return kind == Kind.EXTERNAL;
    }

    /** The stored id, {@code kind:owner}. */
    public String id() {
        return kind.prefix() + ":" + owner;
    }

    /** Parses {@link #id()}. */
    public static LedgerAccount parse(String id) {
        int colon = id.indexOf(':');
        if (colon > 0) {
            String prefix = id.substring(0, colon);
            for (Kind kind : Kind.values()) {
                if (kind.prefix().equals(prefix)) {
                    return new LedgerAccount(kind, id.substring(colon + 1));
                }
            }
        }
        throw new IllegalArgumentException("ledger account id '" + id + "' is not kind:owner with a kind among client-available, client-held, developer-earnings, platform-revenue, external");
    }

    @Override
    public String toString() {
        return id();
    }
}
