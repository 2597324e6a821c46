package io.zkinfer.server.grpc;

import io.zkinfer.server.access.Caller;

import java.util.OptionalLong;

/**
 * Which model versions exist, as the model registry knows them: what {@code Quote} needs to refuse an unknown model
 * or version (NOT_FOUND) and to name the version it priced. Billing's price list knows prices, not versions, so the
 * registry answers this.
 */
@FunctionalInterface
public interface ServingVersions {

    /**
     * The version a call by {@code caller} to {@code modelId} at {@code version} (0: the active one) would run, or
     * empty when the model or that version is unknown. An implementation may refuse with a {@link ServiceException},
     * e.g. PERMISSION_DENIED when the model's access rules exclude the caller.
     */
    OptionalLong servingVersion(Caller caller, String modelId, long version);
}
