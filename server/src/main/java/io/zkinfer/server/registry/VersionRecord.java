package io.zkinfer.server.registry;

import io.zkinfer.api.v1.ServingSettings;
import io.zkinfer.api.v1.UpgradeHeader;
import java.time.Instant;
import java.util.Objects;

/**
 * One uploaded version of a model as the registry stores it.
 *
 * @param modelId         the model
 * @param version         1, 2, ... in upload order
 * @param status          where its build is
 * @param statusMessage   a human-readable word on the status (why a build failed)
 * @param fileSha256      the uploaded file's digest: its name in the content-addressed store
 * @param buildSpec       how to build it: format, visibility, quantization bits and calibration (as an
 *                        {@link UpgradeHeader}, whatever call uploaded it)
 * @param serving         how it is served
 * @param activateOnReady whether it becomes the active version once ready
 * @param modelDigest     the manifest's model id once compiled (SHA-256 over the compiled files and keys); else empty
 * @param vkSha256        the verifying key's SHA-256 once set up; else empty
 * @param constraints     the circuit's constraints once compiled
 * @param wires           the circuit's wires once compiled
 * @param publicSignals   the circuit's public signals once compiled
 * @param notes           the uploader's notes
 * @param createdAt       when it was uploaded
 * @param readyAt         when it became ready; null before
 */
public record VersionRecord(String modelId, long version, VersionStatus status, String statusMessage,
        String fileSha256, UpgradeHeader buildSpec, ServingSettings serving, boolean activateOnReady,
        String modelDigest, String vkSha256, long constraints, long wires, long publicSignals, String notes,
        Instant createdAt, Instant readyAt) {

    public VersionRecord {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(buildSpec, "buildSpec");
        Objects.requireNonNull(serving, "serving");
    }

    /** This version in {@code newStatus} with {@code message}. */
    public VersionRecord withStatus(VersionStatus newStatus, String message) {
        return new VersionRecord(modelId, version, newStatus, message, fileSha256, buildSpec, serving,
                activateOnReady, modelDigest, vkSha256, constraints, wires, publicSignals, notes, createdAt, readyAt);
    }

    /** {@code "MODEL v3"}, for messages. */
    public String label() {
        return modelId + " v" + version;
    }
}
