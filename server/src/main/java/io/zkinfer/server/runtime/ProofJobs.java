package io.zkinfer.server.runtime;

import io.zkinfer.api.v1.TensorSet;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.prover.model.ProveStep;
import io.zkinfer.server.billing.Billing;
import io.zkinfer.server.billing.Call;
import io.zkinfer.server.billing.CallStateException;
import io.zkinfer.server.billing.Coin;
import io.zkinfer.server.billing.Money;
import io.zkinfer.server.billing.ProofClaim;
import io.zkinfer.server.billing.ProofVerification;
import io.zkinfer.server.billing.SignedReceipt;
import io.zkinfer.server.grpc.ServiceException;
import io.zkinfer.server.observe.NodeMetrics;
import io.zkinfer.server.observe.ProofOutcome;
import io.zkinfer.server.registry.ModelRegistry;
import io.zkinfer.server.registry.VersionRecord;
import io.zkinfer.server.store.Database;
import io.zkinfer.verifier.Groth16Verifier;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proof jobs of proven inferences, kept in the database so that every node sharing it sees them and a job outlives
 * the node that took it. A node's worker claims the oldest queued job with its row locked (rows other nodes hold are
 * skipped), under a lease it renews while proving; a job whose node died is claimed again once the lease lapses.
 * The worker proves the inference, verifies the proof against the version's verifying key, and only then settles the
 * call's held charge ({@link Billing#settle} takes nothing but a {@link ProofVerification}); settle and release use
 * keys derived from the call's, so a job proven twice after a crash settles once. A job that fails three times, or
 * whose hold expired, releases the hold: the client is not charged. One worker per node: the Groth16 prover already
 * uses every core.
 */
public final class ProofJobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProofJobs.class);
    private static final int MAX_ATTEMPTS = 3;
    private static final long IDLE_POLL_MS = 200;
    /** How old the queue depth that pricing and admission read may be. */
    static final long DEPTH_CACHE_MS = 250;

    private final Database database;
    private final Billing billing;
    private final ModelRegistry registry;
    private final Function<VersionRecord, ServingModel> models;
    private final Clock clock;
    private final int maxQueued;
    private final Duration lease;
    private final Duration holdTimeout;
    private final NodeMetrics metrics;
    private final String nodeId = "node-" + UUID.randomUUID();
    private final SecureRandom random = new SecureRandom();
    private final Object wakeUp = new Object();
    private final Map<String, List<Consumer<ProofJobView>>> followers = new ConcurrentHashMap<>();
    private final Map<String, ProofJobView> lastSent = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, r -> daemon(r,
            "zkinfer-proof-jobs-timer"));
    private final Thread worker = daemon(this::work, "zkinfer-prover");
    private volatile boolean running = true;
    private volatile int depth;
    private volatile long depthReadAt = System.nanoTime() - TimeUnit.DAYS.toNanos(1);

    /** Jobs over {@code database}, proven with the versions {@code models} loads. */
    public ProofJobs(Database database, Billing billing, ModelRegistry registry,
            Function<VersionRecord, ServingModel> models, Clock clock, int maxQueued, Duration lease,
            Duration holdTimeout, NodeMetrics metrics) {
        this.database = database;
        this.billing = billing;
        this.registry = registry;
        this.models = models;
        this.clock = clock;
        this.maxQueued = maxQueued;
        this.lease = lease;
        this.holdTimeout = holdTimeout;
        this.metrics = metrics;
    }

    /** Starts this node's worker and the followers' poller. */
    public void start() {
        worker.start();
        timers.scheduleWithFixedDelay(this::pollFollowed, IDLE_POLL_MS, IDLE_POLL_MS, TimeUnit.MILLISECONDS);
    }

    /** RESOURCE_EXHAUSTED when the queue is full; called before a charge is held. */
    public void requireRoom() {
        if (queueDepth() >= maxQueued) {
            throw ServiceException.exhausted("the proof queue is full (" + maxQueued + " jobs waiting); retry later"
                    + " or call without prove");
        }
    }

    /**
     * Jobs waiting for a prover, on every node: a count at most {@link #DEPTH_CACHE_MS} old, since the pricing of
     * every call reads it.
     */
    public int queueDepth() {
        long now = System.nanoTime();
        if (now - depthReadAt > TimeUnit.MILLISECONDS.toNanos(DEPTH_CACHE_MS)) {
            depth = database.inTransaction(c -> table(c).queuedBefore(Long.MAX_VALUE));
            depthReadAt = now;
        }
        return depth;
    }

    /**
     * The job proving {@code call} (held for this inference), queued unless a retry of the same call already made
     * it.
     */
    public ProofJobView submit(Map<String, Tensor> inputs, List<io.zkinfer.api.v1.Tensor> outputs,
            String inputSha256, String outputSha256, VersionRecord version, Call call, String idempotencyKey) {
        String jobId = "job_" + call.callId();
        TensorSet.Builder in = TensorSet.newBuilder();
        inputs.forEach((name, t) -> in.addTensors(TensorProtos.toProto(name, t)));
        ProofJobRow row = new ProofJobRow(jobId, call.client(), version.modelId(), version.version(), call.callId(),
                idempotencyKey, ProofJobView.State.QUEUED, "waiting for a prover", encode(in.build()),
                encode(TensorSet.newBuilder().addAllTensors(outputs).build()), inputSha256, outputSha256, null,
                call.amount().minor(), call.amount().coin().code(), call.amount().coin().decimals(), null, 0, 0,
                clock.millis(), 0, 0, 0);
        database.inTransaction(c -> table(c).insertIfAbsent(row));
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
        return view(jobId).orElseThrow();
    }

    /** The job {@code jobId} if {@code account} may see it (its owner, or an operator). */
    public Optional<ProofJobView> job(String jobId, String account, boolean operator) {
        return view(jobId).filter(v -> operator || v.owner().equals(account));
    }

    /** Calls {@code listener} with the job's state now and at each change until it ends. */
    public void follow(String jobId, Consumer<ProofJobView> listener) {
        ProofJobView now = view(jobId).orElseThrow(() -> ServiceException.notFound("no proof job '" + jobId + "'"));
        listener.accept(now);
        if (!now.state().isTerminal()) {
            followers.computeIfAbsent(jobId, k -> new CopyOnWriteArrayList<>()).add(listener);
            lastSent.putIfAbsent(jobId, now);
        }
    }

    /** Stops following a job. */
    public void unfollow(String jobId, Consumer<ProofJobView> listener) {
        List<Consumer<ProofJobView>> list = followers.get(jobId);
        if (list != null) {
            list.remove(listener);
        }
    }

    /** Waits up to {@code max} for the job to end; its view at that point. */
    public ProofJobView await(String jobId, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            ProofJobView v = view(jobId).orElseThrow(() -> ServiceException.notFound("no proof job '" + jobId + "'"));
            long left = deadline - System.nanoTime();
            if (v.state().isTerminal() || left <= 0) {
                return v;
            }
            synchronized (wakeUp) {
                wakeUp.wait(Math.max(1, Math.min(IDLE_POLL_MS, TimeUnit.NANOSECONDS.toMillis(left))));
            }
        }
    }

    private void work() {
        while (running) {
            Optional<ProofJobRow> claimed;
            try {
                claimed = claim();
            } catch (RuntimeException e) {
                LOG.warn("cannot claim a proof job: {}", e.getMessage());
                claimed = Optional.empty();
            }
            if (claimed.isPresent()) {
                run(claimed.get());
                continue;
            }
            synchronized (wakeUp) {
                try {
                    wakeUp.wait(IDLE_POLL_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /**
     * Claims the next job for this node. A job past its hold or its attempts ends instead (and its hold is released
     * after the transaction), and the next one is tried.
     */
    private Optional<ProofJobRow> claim() {
        while (true) {
            long now = clock.millis();
            Claimed c = database.inTransaction(conn -> {
                ProofJobTable t = table(conn);
                Optional<ProofJobRow> next = t.nextClaimable(now);
                if (next.isEmpty()) {
                    return new Claimed(null, null, null);
                }
                ProofJobRow row = next.get();
                if (row.submittedMs() + holdTimeout.toMillis() < now) {
                    t.finish(row.jobId(), ProofJobView.State.EXPIRED, "given up, nothing charged: its charge's hold"
                            + " expired", null, now, row.provingMs());
                    return new Claimed(null, row, "its charge's hold expired");
                }
                if (row.attempts() >= MAX_ATTEMPTS) {
                    t.finish(row.jobId(), ProofJobView.State.FAILED, "given up, nothing charged: it failed "
                            + row.attempts() + " attempts", null, now, row.provingMs());
                    return new Claimed(null, row, "it failed " + row.attempts() + " attempts");
                }
                t.claim(row.jobId(), nodeId, now + lease.toMillis(), now);
                return new Claimed(row, null, null);
            });
            if (c.ended() == null) {
                return Optional.ofNullable(c.claimed());
            }
            LOG.warn("proof job {} ends unproven: {}", c.ended().jobId(), c.why());
            release(c.ended(), c.why());
            notifyFollowers();
        }
    }

    /** What a claim found: a job to prove, or one that ended instead (and why), or neither. */
    private record Claimed(ProofJobRow claimed, ProofJobRow ended, String why) {
    }

    private void run(ProofJobRow row) {
        notifyFollowers();
        ScheduledFuture<?> renewal = timers.scheduleWithFixedDelay(() -> renew(row.jobId()), lease.toMillis() / 3,
                lease.toMillis() / 3, TimeUnit.MILLISECONDS);
        long t0 = System.nanoTime();
        try {
            ServingModel model = models.apply(registry.version(row.modelId(), row.version()));
            Map<String, Tensor> inputs = TensorProtos.inputs(decode(row.inputs()).getTensorsList(), model.inputs());
            ProveStep.Result r = model.prover().prove(inputs, random);
            long provingMs = (System.nanoTime() - t0) / 1_000_000;
            String outputSha = TensorDigest.sha256(model.outputNames(), r.output().outputs());
            if (!outputSha.equals(row.outputSha256())) {
                throw new IllegalStateException("the proven output (" + outputSha + ") differs from the answer given ("
                        + row.outputSha256() + ")");
            }
            String proof = ProofEncoding.encode(r.proof(), r.publicSignals());
            ProofClaim claim = new ProofClaim(row.callId(), row.modelId(), Long.toString(row.version()),
                    row.inputSha256(), outputSha, proof);
            ProofVerification verified = ProofVerification.verify(c -> {
                ProofEncoding.Decoded d = ProofEncoding.decode(c.proof());
                return Groth16Verifier.verify(model.preparedVerifyingKey(), d.publicSignals(), d.proof());
            }, claim, clock.instant());
            FaultPoints.reached(FaultPoints.BEFORE_SETTLE, row.jobId());
            Money settled = billing.settle(row.idempotencyKey() + "/settle", verified).call().amount();
            FaultPoints.reached(FaultPoints.AFTER_SETTLE, row.jobId());
            database.inTransaction(c -> {
                table(c).finish(row.jobId(), ProofJobView.State.SUCCEEDED, "proof verified; charge settled", proof,
                        clock.millis(), provingMs);
                return null;
            });
            metrics.recordProof(row.modelId(), ProofOutcome.SUCCEEDED, System.nanoTime() - t0);
            metrics.revenue(settled, row.modelId());
        } catch (RuntimeException | OutOfMemoryError e) {
            fail(row, e, System.nanoTime() - t0);
        } finally {
            renewal.cancel(false);
            notifyFollowers();
        }
    }

    private void fail(ProofJobRow row, Throwable e, long nanos) {
        String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
        LOG.warn("proof job {} for {} v{} failed; releasing its hold", row.jobId(), row.modelId(), row.version(), e);
        release(row, reason);
        try {
            database.inTransaction(c -> {
                table(c).finish(row.jobId(), ProofJobView.State.FAILED, "proving failed, nothing charged: " + reason,
                        null, clock.millis(), nanos / 1_000_000);
                return null;
            });
        } catch (RuntimeException storeFailure) {
            LOG.error("cannot record that proof job {} failed; another node will take it again", row.jobId(),
                    storeFailure);
        }
        metrics.recordProof(row.modelId(), ProofOutcome.FAILED, nanos);
    }

    private void release(ProofJobRow row, String reason) {
        try {
            billing.release(row.idempotencyKey() + "/release", row.callId(), reason);
        } catch (CallStateException alreadyClosed) {
            LOG.info("the hold of call {} was already closed: {}", row.callId(), alreadyClosed.getMessage());
        } catch (RuntimeException e) {
            LOG.error("cannot release the hold of call {}; the billing sweep releases it when it expires",
                    row.callId(), e);
        }
    }

    private void renew(String jobId) {
        try {
            database.inTransaction(c -> table(c).renew(jobId, nodeId, clock.millis() + lease.toMillis()));
        } catch (RuntimeException e) {
            LOG.warn("cannot renew the lease of proof job {}: {}", jobId, e.getMessage());
        }
    }

    private Optional<ProofJobView> view(String jobId) {
        return database.inTransaction(c -> table(c).find(jobId, false)).map(r -> view(r, r.state() == ProofJobView.State.QUEUED ? queuePosition(r) : 0,
                r.state() == ProofJobView.State.SUCCEEDED ? billing.receipt(r.callId()).orElse(null) : null));
    }

    private int queuePosition(ProofJobRow r) {
        return database.inTransaction(c -> table(c).queuedBefore(r.submittedMs())) + 1;
    }

    private static ProofJobView view(ProofJobRow r, int position, SignedReceipt receipt) {
        ProofEncoding.Decoded proof = r.proof() == null ? null : ProofEncoding.decode(r.proof());
        return new ProofJobView(r.jobId(), r.owner(), r.modelId(), r.version(), r.state(), r.message(), position,
                decode(r.outputs()).getTensorsList(), r.inputSha256(), r.outputSha256(),
                proof == null ? null : proof.proof(), proof == null ? List.of() : proof.publicSignals(),
                Money.of(r.chargeMinor(), Coin.of(r.currency(), r.decimals())), Instant.ofEpochMilli(r.submittedMs()),
                r.startedMs() == 0 ? null : Instant.ofEpochMilli(r.startedMs()),
                r.finishedMs() == 0 ? null : Instant.ofEpochMilli(r.finishedMs()), r.provingMs(), receipt);
    }

    private void notifyFollowers() {
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
        timers.execute(this::pollFollowed);
    }

    /** Sends each followed job's view to its followers when it changed; drops jobs that ended. */
    private void pollFollowed() {
        for (Map.Entry<String, List<Consumer<ProofJobView>>> e : followers.entrySet()) {
            String jobId = e.getKey();
            try {
                ProofJobView v = view(jobId).orElseThrow();
                ProofJobView before = lastSent.get(jobId);
                if (before == null || before.state() != v.state() || !before.message().equals(v.message())) {
                    lastSent.put(jobId, v);
                    e.getValue().forEach(l -> l.accept(v));
                }
                if (v.state().isTerminal() || e.getValue().isEmpty()) {
                    followers.remove(jobId);
                    lastSent.remove(jobId);
                }
            } catch (RuntimeException failure) {
                LOG.warn("cannot read proof job {} for its followers: {}", jobId, failure.getMessage());
            }
        }
    }

    private ProofJobTable table(java.sql.Connection c) {
        return new ProofJobTable(c, database.dialect());
    }

    private static String encode(TensorSet set) {
        return Base64.getEncoder().encodeToString(set.toByteArray());
    }

    private static TensorSet decode(String base64) {
        try {
            return TensorSet.parseFrom(Base64.getDecoder().decode(base64));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException("a proof job row holds unreadable tensors", e);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        worker.interrupt();
        worker.join(10_000);
        timers.shutdownNow();
        timers.awaitTermination(5, TimeUnit.SECONDS);
    }
}
