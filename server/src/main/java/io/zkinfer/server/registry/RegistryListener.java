package io.zkinfer.server.registry;

/** Told of registry changes that others must follow: prices, access rules, the active version. */
public interface RegistryListener {

    /** {@code model}'s row changed (deployed, pricing, access, active version, retired). */
    void modelChanged(ModelRecord model);

    /** Nothing to follow. */
    RegistryListener NONE = model -> { };
}
