package io.zkinfer.server.billing;

/**
 * What a proof for a held call claims: that {@code modelId} at {@code modelVersion} mapped the input with digest
 * {@code inputDigest} to the output with digest {@code outputDigest}, as proved by {@code proof}.
 *
 * @param callId       the held call
 * @param modelId      the model
 * @param modelVersion the model version
 * @param inputDigest  input digest
 * @param outputDigest output digest
 * @param proof        the proof and public signals in whatever encoding the verifier reads
 */
public record ProofClaim(String callId, String modelId, String modelVersion, String inputDigest, String outputDigest, String proof) {
}
