package io.zkinfer.server.runtime;

/**
 * One row of {@code proof_jobs} (migration V004), as stored: tensors and proofs in their stored encodings.
 *
 * @param jobId          the job's id ({@code job_} and the held call's id, so a retried call finds its job)
 * @param owner          the paying account
 * @param modelId        the model
 * @param version        the version to prove with
 * @param callId         the held call that settles when the proof verifies
 * @param idempotencyKey the call's key; settle and release use keys derived from it
 * @param state          the job's state
 * @param message        a word on the state
 * @param inputs         base64 of the inputs as an API {@code TensorSet}; null once the job ended
 * @param outputs        base64 of the outputs as an API {@code TensorSet}
 * @param inputSha256    canonical digest of the inputs
 * @param outputSha256   canonical digest of the outputs
 * @param proof          the proof and public signals ({@link ProofEncoding}) once it succeeded; else null
 * @param chargeMinor    the held (then settled) amount in minor units
 * @param currency       its coin
 * @param decimals       its coin's decimals
 * @param claimedBy      the node that claimed it last (proving it, while running)
 * @param leaseUntilMs   when that node's claim lapses unless renewed
 * @param attempts       how many times a node claimed it
 * @param submittedMs    when it was submitted
 * @param startedMs      when it was first claimed; 0 before
 * @param finishedMs     when it ended; 0 before
 * @param provingMs      time spent proving once it ended
 */
record ProofJobRow(String jobId, String owner, String modelId, long version, String callId, String idempotencyKey,
        ProofJobView.State state, String message, String inputs, String outputs, String inputSha256,
        String outputSha256, String proof, long chargeMinor, String currency, int decimals, String claimedBy,
        long leaseUntilMs, int attempts, long submittedMs, long startedMs, long finishedMs, long provingMs) {
}
