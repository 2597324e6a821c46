package io.zkinfer.benchmarks.load;

import io.grpc.Status;
import io.zkinfer.api.ZkinferClient;
import io.zkinfer.api.v1.GetProofJobRequest;
import io.zkinfer.api.v1.InferRequest;
import io.zkinfer.api.v1.InferResponse;
import io.zkinfer.api.v1.ProofJob;
import io.zkinfer.api.v1.ProofJobState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Proven inference end to end, one call at a time: {@code Infer} with {@code prove} and {@code await_proof}, which
 * answers once the node has computed the witness, proved, verified the proof and settled the held charge. Each
 * answer must carry a proof in state SUCCEEDED; the proof job is then read ({@code GetProofJob}) for the node's own
 * proving time. Wall time is the client's, from sending the call to its answer.
 */
public final class ProvenCalls {

  /**
   * What the proven calls did.
   *
   * @param wallMillis    each successful call's wall time, in order
   * @param provingMillis each successful call's proving time as the node reports it, in order
   * @param errors        failed calls by gRPC status code name, or {@code NO_PROOF} for an answer without a proof
   */
  public record Result(double[] wallMillis, double[] provingMillis, SortedMap<String, Long> errors) {

    /** The {@code percentile} (0 to 100, nearest rank) of {@code values}; 0 for none. */
    public static double percentile(double[] values, double percentile) {
      if (values.length == 0) {
        return 0;
      }
      double[] sorted = values.clone();
      Arrays.sort(sorted);
      int rank = (int) Math.ceil(percentile / 100 * sorted.length);
      return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Failed calls, all codes together. */
    public long errorCount() {
      return errors.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private ProvenCalls() {
  }

  /** {@code count} proven calls of {@code modelId}, each allowed {@code timeout}. */
  public static Result run(ZkinferClient client, String modelId, int count, Duration timeout) {
    List<Double> wall = new ArrayList<>();
    List<Double> proving = new ArrayList<>();
    SortedMap<String, Long> errors = new TreeMap<>();
    String keys = "load-proven-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    for (int i = 0; i < count; i++) {
      InferRequest request = DigitInputs.request(modelId, i).toBuilder().setProve(true).setAwaitProof(true)
          .setIdempotencyKey(keys + i).build();
      long t0 = System.nanoTime();
      try {
        InferResponse r = client.inference().withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
            .infer(request);
        long t1 = System.nanoTime();
        if (r.getProofState() != ProofJobState.PROOF_JOB_STATE_SUCCEEDED || !r.hasProof()) {
          errors.merge("NO_PROOF", 1L, Long::sum);
          continue;
        }
        ProofJob job = client.inference().getProofJob(GetProofJobRequest.newBuilder()
            .setJobId(r.getProofJobId()).build());
        wall.add((t1 - t0) / 1e6);
        proving.add(job.getProvingTime().getSeconds() * 1e3 + job.getProvingTime().getNanos() / 1e6);
      } catch (RuntimeException e) {
        errors.merge(Status.fromThrowable(e).getCode().name(), 1L, Long::sum);
      }
    }
    return new Result(wall.stream().mapToDouble(Double::doubleValue).toArray(),
        proving.stream().mapToDouble(Double::doubleValue).toArray(), errors);
  }
}
