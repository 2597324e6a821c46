package io.zkinfer.server.billing;

/**
 * The client-supplied parameters of a metered call; with the idempotency key, they decide whether a retry is the
 * same call.
 *
 * @param client       the paying client
 * @param modelId      the model
 * @param modelVersion the model version
 * @param inputDigest  digest of the input (e.g. SHA-256 hex)
 */
public record CallRequest(String client, String modelId, String modelVersion, String inputDigest) {

    public CallRequest {
        PricingPolicy.requireId("client id", client);
        PricingPolicy.requireId("model id", modelId);
        PricingPolicy.requireId("model version", modelVersion);
        if (inputDigest == null || inputDigest.isBlank() || inputDigest.length() > 200) {
            throw new IllegalArgumentException("input digest '" + inputDigest + "' must be 1 to 200 characters");
        }
    }
}
