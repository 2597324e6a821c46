package io.zkinfer.server.runtime;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.api.v1.Tensor;
import io.zkinfer.server.billing.Money;
import io.zkinfer.server.billing.SignedReceipt;
import io.zkinfer.verifier.Proof;
import java.time.Instant;
import java.util.List;

/**
 * A proof job as its owner sees it at one moment.
 *
 * @param jobId         the job's id
 * @param owner         the account that asked for it
 * @param modelId       the model
 * @param version       the version being proven
 * @param state         where it is
 * @param message       a human-readable word on the state (why it failed)
 * @param queuePosition jobs ahead of it while queued; 0 otherwise
 * @param outputs       the outputs of the inference being proven, in the model's order
 * @param inputSha256   canonical digest of the input
 * @param outputSha256  canonical digest of the output
 * @param proof         the proof once SUCCEEDED, else null
 * @param publicSignals its public signals once SUCCEEDED, else empty
 * @param charge        held, or settled once SUCCEEDED; released (not charged) when FAILED or EXPIRED
 * @param submittedAt   when it was submitted
 * @param startedAt     when a worker started it; null before
 * @param finishedAt    when it ended; null before
 * @param provingMillis time spent proving once finished
 * @param receipt       the node's signed receipt once SUCCEEDED (its charge settled), else null
 */
public record ProofJobView(String jobId, String owner, String modelId, long version, State state, String message,
        int queuePosition, List<Tensor> outputs, String inputSha256, String outputSha256, Proof proof,
        List<Fr> publicSignals, Money charge, Instant submittedAt, Instant startedAt, Instant finishedAt,
        long provingMillis, SignedReceipt receipt) {

    /** The life of a proof job. */
    public enum State {
        QUEUED, RUNNING, SUCCEEDED, FAILED, EXPIRED;

        public boolean isTerminal() {
            return this == SUCCEEDED || this == FAILED || this == EXPIRED;
        }
    }
}
