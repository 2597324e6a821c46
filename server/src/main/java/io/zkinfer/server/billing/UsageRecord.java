package io.zkinfer.server.billing;

/**
 * An account's calls to one model version over a period, as the usage report shows them. Held calls (proofs still
 * pending) are not counted until they settle or are released.
 *
 * @param modelId      the model
 * @param modelVersion the model version the calls were metered under
 * @param calls        unproven calls (charged at once)
 * @param provenCalls  proven calls whose proofs verified and settled
 * @param failedCalls  proven calls released because proving failed or timed out (not charged)
 * @param charged      what these calls cost: unproven charges plus settled holds (zero for calls a plan covered)
 */
public record UsageRecord(String modelId, String modelVersion, long calls, long provenCalls, long failedCalls, Money charged) {

    public UsageRecord {
        if (modelId == null || modelVersion == null || charged == null) {
            throw new IllegalArgumentException("a usage record needs a model id, a model version and the amount charged");
        }
        if (calls < 0 || provenCalls < 0 || failedCalls < 0 || charged.isNegative()) {
            throw new IllegalArgumentException("usage of model '" + modelId + "' version " + modelVersion + " has a negative count or charge");
        }
    }
}
