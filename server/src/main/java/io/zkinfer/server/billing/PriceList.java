package io.zkinfer.server.billing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The current {@link PricingPolicy} of each model, as set by its developer (the model registry keeps it later). */
public final class PriceList {

    private final Map<String, PricingPolicy> policies = new ConcurrentHashMap<>();

    /** Sets (or replaces) the policy of its model. */
    public void set(PricingPolicy policy) {
        policies.put(policy.modelId(), policy);
    }

    /** The policy of {@code modelId}; refuses a model with no price. */
    public PricingPolicy policy(String modelId) {
        PricingPolicy policy = policies.get(modelId);
        if (policy == null) {
            throw new BillingException("model '" + modelId + "' has no price; deploy it or set its pricing first");
        }
        return policy;
    }
}
