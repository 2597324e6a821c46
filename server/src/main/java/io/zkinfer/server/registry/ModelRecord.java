package io.zkinfer.server.registry;

import io.zkinfer.api.v1.AccessPolicy;
import io.zkinfer.api.v1.Pricing;
import java.time.Instant;
import java.util.Objects;

/**
 * A deployed model as the registry stores it.
 *
 * @param modelId       the registry's id, kept by every version
 * @param owner         the developer's account id
 * @param name          unique among the owner's models
 * @param description   free text given at deploy
 * @param activeVersion the version that serves calls; 0 while none is ready
 * @param retired       whether the whole model is retired
 * @param pricing       the developer's pricing
 * @param access        who may call the model
 * @param createdAt     when it was deployed
 */
public record ModelRecord(String modelId, String owner, String name, String description, long activeVersion,
        boolean retired, Pricing pricing, AccessPolicy access, Instant createdAt) {

    public ModelRecord {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(pricing, "pricing");
        Objects.requireNonNull(access, "access");
    }
}
