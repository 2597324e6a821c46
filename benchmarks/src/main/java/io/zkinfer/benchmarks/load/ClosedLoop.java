package io.zkinfer.benchmarks.load;

import com.sun.management.OperatingSystemMXBean;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.zkinfer.api.ZkinferClient;
import io.zkinfer.api.v1.InferRequest;
import io.zkinfer.api.v1.InferResponse;
import io.zkinfer.api.v1.InferenceServiceGrpc;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * Closed-loop load on unproven {@code Infer}: {@code N} clients, each sending its next call as soon as its last one
 * answers, for a fixed window. Client {@code i} sends its own input ({@link DigitInputs#digit}{@code (i)}) with a
 * fresh idempotency key on every call (so every call is metered and charged anew), over channel {@code i mod P} of
 * the {@code P} channels given. With {@link Stubs#BLOCKING} each client is a thread; with {@link Stubs#ASYNC} a
 * client is a callback chain and needs no thread of its own.
 *
 * <p>A call is timed from just before it is sent to its answer. Calls answered after the window closes are counted
 * apart ({@link PhaseResult#lateCalls}), so the throughput is that of the window; a level is a warm-up phase whose
 * latencies are dropped, then the measured phase.
 */
public final class ClosedLoop {

  /** Which generated stub the clients call through. */
  public enum Stubs {
    /** {@code InferenceServiceStub}: one callback chain per client. */
    ASYNC,
    /** {@code InferenceServiceBlockingStub}: one thread per client. */
    BLOCKING;

    /** {@code async} or {@code blocking}. */
    public static Stubs named(String name) {
      for (Stubs s : values()) {
        if (s.name().equalsIgnoreCase(name)) {
          return s;
        }
      }
      throw new IllegalArgumentException("unknown stub kind '" + name + "'; choose async or blocking");
    }

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One concurrency level: the warm-up, then the measured phase. */
  public record Level(PhaseResult warmUp, PhaseResult measured) {
  }

  /** Latencies above a minute are recorded as a minute (the calls' default deadline is 30 s). */
  private static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(1);
  /** How long a phase may overrun its window while its last calls answer. */
  private static final Duration DRAIN = ZkinferClient.DEFAULT_DEADLINE.plusSeconds(10);

  private final List<ZkinferClient> channels;
  private final String modelId;
  private final Stubs stubs;
  private final String runId = UUID.randomUUID().toString().substring(0, 8);
  private final AtomicInteger phases = new AtomicInteger();

  /** Load on the active version of {@code modelId} through {@code channels} (one or more), with {@code stubs}. */
  public ClosedLoop(List<ZkinferClient> channels, String modelId, Stubs stubs) {
    if (channels.isEmpty()) {
      throw new IllegalArgumentException("give at least one channel");
    }
    this.channels = List.copyOf(channels);
    this.modelId = Objects.requireNonNull(modelId, "modelId");
    this.stubs = Objects.requireNonNull(stubs, "stubs");
  }

  /** A warm-up of {@code warmUp} (dropped), then a measured phase of {@code measured}, with {@code clients}. */
  public Level level(int clients, Duration warmUp, Duration measured) throws InterruptedException {
    PhaseResult w = phase(clients, warmUp);
    return new Level(w, phase(clients, measured));
  }

  /** One phase of {@code clients} closed-loop clients for {@code window}; returns once every client stopped. */
  public PhaseResult phase(int clients, Duration window) throws InterruptedException {
    if (clients < 1) {
      throw new IllegalArgumentException("clients is " + clients + "; give 1 or more");
    }
    String keyPrefix = "load-" + runId + "-p" + phases.incrementAndGet() + "-c";
    CountDownLatch done = new CountDownLatch(clients);
    List<Tally> tallies = new ArrayList<>(clients);
    long cpuAtStart = processCpuNanos();
    long start = System.nanoTime();
    long end = start + window.toNanos();
    for (int i = 0; i < clients; i++) {
      Tally tally = new Tally(end);
      tallies.add(tally);
      ZkinferClient channel = channels.get(i % channels.size());
      InferRequest request = DigitInputs.request(modelId, i);
      String keys = keyPrefix + i + "-";
      if (stubs == Stubs.ASYNC) {
        new AsyncClient(channel.inferenceAsync(), request, keys, tally, done).next();
      } else {
        Thread t = new Thread(() -> blockingClient(channel.inference(), request, keys, tally, done),
            "load-client-" + i);
        t.setDaemon(true);
        t.start();
      }
    }
    if (!done.await(window.plus(DRAIN).toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("the clients did not stop within " + DRAIN.toSeconds()
          + " s after the window closed; is the node answering?");
    }
    long cpuAtEnd = processCpuNanos();
    return merge(clients, window, tallies, cpuAtStart < 0 || cpuAtEnd < 0 ? -1 : cpuAtEnd - cpuAtStart);
  }

  /** This JVM's CPU time so far in nanoseconds, or -1 where the platform does not say. */
  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
        ? os.getProcessCpuTime() : -1;
  }

  private static void blockingClient(InferenceServiceGrpc.InferenceServiceBlockingStub stub, InferRequest request,
      String keys, Tally tally, CountDownLatch done) {
    try {
      for (long seq = 0; System.nanoTime() < tally.end; seq++) {
        InferRequest call = request.toBuilder().setIdempotencyKey(keys + seq).build();
        long t0 = System.nanoTime();
        try {
          InferResponse r = stub.infer(call);
          tally.answered(t0, System.nanoTime(), r);
        } catch (RuntimeException e) {
          tally.failed(Status.fromThrowable(e).getCode().name());
        }
      }
    } finally {
      done.countDown();
    }
  }

  /** A client as a chain of callbacks: each answer records itself and sends the next call. */
  private static final class AsyncClient implements StreamObserver<InferResponse> {
    private final InferenceServiceGrpc.InferenceServiceStub stub;
    private final InferRequest request;
    private final String keys;
    private final Tally tally;
    private final CountDownLatch done;
    private long seq;
    private long sentAt;
    private InferResponse response;

    AsyncClient(InferenceServiceGrpc.InferenceServiceStub stub, InferRequest request, String keys, Tally tally,
        CountDownLatch done) {
      this.stub = stub;
      this.request = request;
      this.keys = keys;
      this.tally = tally;
      this.done = done;
    }

    void next() {
      if (System.nanoTime() >= tally.end) {
        done.countDown();
        return;
      }
      InferRequest call = request.toBuilder().setIdempotencyKey(keys + seq++).build();
      response = null;
      sentAt = System.nanoTime();
      stub.infer(call, this);
    }

    @Override
    public void onNext(InferResponse value) {
      response = value;
    }

    @Override
    public void onError(Throwable t) {
      tally.failed(Status.fromThrowable(t).getCode().name());
      // a failure can be reported on the sending thread; sending again from another one keeps the stack flat
      CompletableFuture.runAsync(this::next);
    }

    @Override
    public void onCompleted() {
      tally.answered(sentAt, System.nanoTime(), response);
      next();
    }
  }

  /** One client's counts; written by one call at a time, read once the client has stopped. */
  private static final class Tally {
    final long end;
    final Histogram latencies = new Histogram(HIGHEST_NANOS, 3);
    final Map<String, Long> errors = new HashMap<>();
    long calls;
    long late;

    Tally(long end) {
      this.end = end;
    }

    void answered(long sentAt, long answeredAt, InferResponse r) {
      if (r == null || r.getOutputsCount() == 0) {
        failed("BAD_RESPONSE");
      } else if (answeredAt <= end) {
        calls++;
        latencies.recordValue(Math.min(answeredAt - sentAt, HIGHEST_NANOS));
      } else {
        late++;
      }
    }

    void failed(String code) {
      errors.merge(code, 1L, Long::sum);
    }
  }

  private static PhaseResult merge(int clients, Duration window, List<Tally> tallies, long cpuNanos) {
    Histogram all = new Histogram(HIGHEST_NANOS, 3);
    Map<String, Long> errors = new HashMap<>();
    long calls = 0;
    long late = 0;
    for (Tally t : tallies) {
      all.add(t.latencies);
      t.errors.forEach((code, n) -> errors.merge(code, n, Long::sum));
      calls += t.calls;
      late += t.late;
    }
    return new PhaseResult(clients, window.toNanos() / 1e9, calls, late, all, new TreeMap<>(errors), cpuNanos);
  }
}
