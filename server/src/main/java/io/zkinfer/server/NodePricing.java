package io.zkinfer.server;

import io.zkinfer.api.v1.Pricing;
import io.zkinfer.server.billing.Coin;
import io.zkinfer.server.billing.Money;
import io.zkinfer.server.billing.PricingPolicy;

/** A model's API pricing as the billing policy that prices its calls. */
final class NodePricing {

    private NodePricing() {
    }

    static PricingPolicy policy(String modelId, String owner, Pricing pricing) {
        long base = pricing.getBasePrice().getMinorUnits();
        String currency = pricing.getBasePrice().getCurrency();
        if (!currency.isEmpty() && !currency.equals(Coin.ZKC.code())) {
            throw new IllegalArgumentException("pricing.base_price.currency is '" + currency + "'; this node prices"
                    + " in " + Coin.ZKC.code());
        }
        PricingPolicy policy = PricingPolicy.flat(modelId, owner, Money.zkc(base));
        return pricing.getDeveloperShareBps() == 0 ? policy
                : policy.withDeveloperShareBps(pricing.getDeveloperShareBps());
    }
}
