package io.zkinfer.server.runtime;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.prover.model.ProveStep;
import io.zkinfer.server.billing.Billing;
import io.zkinfer.server.billing.Call;
import io.zkinfer.server.billing.ProofClaim;
import io.zkinfer.server.billing.ProofVerification;
import io.zkinfer.server.billing.Settlement;
import io.zkinfer.server.grpc.ServiceException;
import io.zkinfer.server.observe.NodeMetrics;
import io.zkinfer.server.observe.ProofOutcome;
import io.zkinfer.verifier.Groth16Verifier;
import io.zkinfer.verifier.Proof;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proof jobs of proven inferences: queued behind one worker (the Groth16 prover already uses every core), each
 * proving its inference, verifying the proof against the version's verifying key, and only then settling the
 * call's held charge ({@link Billing#settle} takes nothing but a {@link ProofVerification}). A job that fails, or
 * whose proof does not verify, releases the hold: the client is not charged. The queue is bounded; a full queue
 * refuses new jobs before anything is held.
 */
public final class ProofJobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProofJobs.class);

    private final Billing billing;
    private final Clock clock;
    private final int maxQueued;
    private final NodeMetrics metrics;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, Job> jobs = new ConcurrentHashMap<>();
    private final LinkedBlockingDeque<Job> queue = new LinkedBlockingDeque<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "zkinfer-prover");
        t.setDaemon(true);
        return t;
    });

    public ProofJobs(Billing billing, Clock clock, int maxQueued, NodeMetrics metrics) {
        this.billing = billing;
        this.clock = clock;
        this.maxQueued = maxQueued;
        this.metrics = metrics;
    }

    /** RESOURCE_EXHAUSTED when the queue is full; called before a charge is held. */
    public void requireRoom() {
        if (queue.size() >= maxQueued) {
            throw ServiceException.exhausted("the proof queue is full (" + maxQueued + " jobs waiting); retry later"
                    + " or call without prove");
        }
    }

    /** Jobs waiting for the prover. */
    public int queueDepth() {
        return queue.size();
    }

    /**
     * The job proving {@code call} (held for this inference), created and queued unless a retry of the same call
     * already made it.
     */
    public ProofJobView submit(ServingModel model, Map<String, Tensor> inputs, Map<String, Tensor> outputs,
            String inputSha256, String outputSha256, Call call, String idempotencyKey) {
        Job job = jobs.computeIfAbsent("job_" + call.callId(), id -> new Job(id, model, inputs, outputs,
                inputSha256, outputSha256, call, idempotencyKey, clock.instant()));
        synchronized (job) {
            if (!job.queued && job.state == ProofJobView.State.QUEUED) {
                job.queued = true;
                queue.add(job);
                worker.execute(this::runNext);
            }
        }
        return job.view(position(job));
    }

    /** The job {@code jobId} if {@code account} may see it (its owner, or an operator). */
    public Optional<ProofJobView> job(String jobId, String account, boolean operator) {
        Job job = jobs.get(jobId);
        if (job == null || !(operator || job.call.client().equals(account))) {
            return Optional.empty();
        }
        return Optional.of(job.view(position(job)));
    }

    /** Calls {@code listener} with the job's state now and at each change until it ends. */
    public void follow(String jobId, Consumer<ProofJobView> listener) {
        Job job = jobs.get(jobId);
        if (job == null) {
            throw ServiceException.notFound("no proof job '" + jobId + "'");
        }
        synchronized (job) {
            job.listeners.add(listener);
        }
        listener.accept(job.view(position(job)));
        if (job.view(0).state().isTerminal()) {
            synchronized (job) {
                job.listeners.remove(listener);
            }
        }
    }

    /** Stops following a job. */
    public void unfollow(String jobId, Consumer<ProofJobView> listener) {
        Job job = jobs.get(jobId);
        if (job != null) {
            synchronized (job) {
                job.listeners.remove(listener);
            }
        }
    }

    /** Waits up to {@code max} for the job to end; its view at that point. */
    public ProofJobView await(String jobId, Duration max) throws InterruptedException {
        Job job = jobs.get(jobId);
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (job) {
            while (!job.state.isTerminal()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(job, left);
            }
        }
        return job.view(position(job));
    }

    private void runNext() {
        Job job = queue.poll();
        if (job == null) {
            return;
        }
        job.transition(ProofJobView.State.RUNNING, "proving", clock.instant(), null);
        long t0 = System.nanoTime();
        try {
            ProveStep.Result r = job.model.prover().prove(job.inputs, random);
            job.provingMillis = (System.nanoTime() - t0) / 1_000_000;
            String outputSha = TensorDigest.sha256(job.model.outputNames(), r.output().outputs());
            if (!outputSha.equals(job.outputSha256)) {
                throw new IllegalStateException("the proven output (" + outputSha + ") differs from the answer given ("
                        + job.outputSha256 + ")");
            }
            ProofClaim claim = new ProofClaim(job.call.callId(), job.call.modelId(), job.call.modelVersion(),
                    job.inputSha256, outputSha, ProofEncoding.encode(r.proof(), r.publicSignals()));
            ProofVerification verified = ProofVerification.verify(c -> {
                ProofEncoding.Decoded d = ProofEncoding.decode(c.proof());
                return Groth16Verifier.verify(job.model.preparedVerifyingKey(), d.publicSignals(), d.proof());
            }, claim, clock.instant());
            Settlement settled = billing.settle(job.idempotencyKey + "/settle", verified);
            job.proof = r.proof();
            job.publicSignals = r.publicSignals();
            job.charge = settled.call();
            metrics.recordProof(job.call.modelId(), ProofOutcome.SUCCEEDED, System.nanoTime() - t0);
            metrics.revenue(settled.call().amount(), job.call.modelId());
            job.transition(ProofJobView.State.SUCCEEDED, "proof verified; charge settled", null, clock.instant());
        } catch (RuntimeException | OutOfMemoryError e) {
            job.provingMillis = (System.nanoTime() - t0) / 1_000_000;
            String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.warn("proof job {} for {} v{} failed; releasing its hold", job.id, job.call.modelId(),
                    job.call.modelVersion(), e);
            try {
                job.charge = billing.release(job.idempotencyKey + "/release", job.call.callId(), reason);
            } catch (RuntimeException releaseFailure) {
                LOG.error("cannot release the hold of call {}; the sweep will", job.call.callId(), releaseFailure);
            }
            metrics.recordProof(job.call.modelId(), ProofOutcome.FAILED, System.nanoTime() - t0);
            job.transition(ProofJobView.State.FAILED, "proving failed, nothing charged: " + reason, null,
                    clock.instant());
        }
    }

    private int position(Job job) {
        int i = 0;
        for (Job queued : queue) {
            if (queued == job) {
                return i + 1;
            }
            i++;
        }
        return 0;
    }

    @Override
    public void close() throws InterruptedException {
        worker.shutdownNow();
        worker.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** One job's mutable state, guarded by its own monitor. */
    private static final class Job {
        final String id;
        final ServingModel model;
        final Map<String, Tensor> inputs;
        final Map<String, Tensor> outputs;
        final String inputSha256;
        final String outputSha256;
        final String idempotencyKey;
        final Instant submittedAt;
        final List<Consumer<ProofJobView>> listeners = new ArrayList<>();
        volatile Call charge;
        volatile Call call;
        boolean queued;
        ProofJobView.State state = ProofJobView.State.QUEUED;
        String message = "waiting for the prover";
        Instant startedAt;
        Instant finishedAt;
        long provingMillis;
        Proof proof;
        List<Fr> publicSignals = List.of();

        Job(String id, ServingModel model, Map<String, Tensor> inputs, Map<String, Tensor> outputs,
                String inputSha256, String outputSha256, Call call, String idempotencyKey, Instant submittedAt) {
            this.id = id;
            this.model = model;
            this.inputs = inputs;
            this.outputs = outputs;
            this.inputSha256 = inputSha256;
            this.outputSha256 = outputSha256;
            this.call = call;
            this.charge = call;
            this.idempotencyKey = idempotencyKey;
            this.submittedAt = submittedAt;
        }

        void transition(ProofJobView.State next, String why, Instant started, Instant finished) {
            List<Consumer<ProofJobView>> notify;
            ProofJobView view;
            synchronized (this) {
                state = next;
                message = why;
                if (started != null) {
                    startedAt = started;
                }
                if (finished != null) {
                    finishedAt = finished;
                }
                notifyAll();
                view = view(0);
                notify = List.copyOf(listeners);
                if (next.isTerminal()) {
                    listeners.clear();
                }
            }
            notify.forEach(l -> l.accept(view));
        }

        synchronized ProofJobView view(int position) {
            var v = model.version();
            return new ProofJobView(id, call.client(), call.modelId(), v.version(), state, message,
                    state == ProofJobView.State.QUEUED ? position : 0, model.outputNames(), outputs, inputSha256,
                    outputSha256, v.modelDigest(), v.vkSha256(), proof, publicSignals, charge.amount(), submittedAt,
                    startedAt, finishedAt, provingMillis);
        }
    }
}
