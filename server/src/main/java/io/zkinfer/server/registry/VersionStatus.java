package io.zkinfer.server.registry;

/** Where a model version is in its life: built (compiled, then keys set up) in the background, then served. */
public enum VersionStatus {
    /** Uploaded and validated; waiting for the builder. */
    PENDING,
    /** Being quantized and compiled into a circuit. */
    COMPILING,
    /** Its Groth16 keys are being generated. */
    SETTING_UP,
    /** Serves calls and proofs. */
    READY,
    /** The build failed; the status message says why. */
    FAILED,
    /** Serves no new calls; its verifying key still verifies old proofs. */
    RETIRED;

    /** Whether the builder still has work to do on a version in this status. */
    public boolean isBuilding() {
        return this == PENDING || this == COMPILING || this == SETTING_UP;
    }
}
