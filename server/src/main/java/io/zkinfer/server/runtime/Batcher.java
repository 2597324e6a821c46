package io.zkinfer.server.runtime;

import io.zkinfer.api.v1.ServingSettings;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.server.observe.NodeMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Dynamic batching of concurrent calls to one model version whose serving settings ask for it
 * ({@code max_batch_size} above 1): calls wait in the version's lane; its worker takes the first, waits up to
 * {@code max_batch_wait} for more up to the batch size, and runs the batch back to back on one thread, so a burst of
 * calls costs one hand-off instead of one thread each. The integer executor runs the models at their declared batch
 * dimension, so a batch is not stacked into one tensor. Without batching a call runs on its own thread.
 */
public final class Batcher implements AutoCloseable {

    private final NodeMetrics metrics;
    private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();

    public Batcher(NodeMetrics metrics) {
        this.metrics = metrics;
    }

    /** The outputs of {@code model} on {@code inputs}, computed in a batch when the version batches. */
    public Map<String, Tensor> run(ServingModel model, Map<String, Tensor> inputs) {
        ServingSettings s = model.version().serving();
        if (s.getMaxBatchSize() <= 1) {
            return model.run(inputs);
        }
        Duration wait = Duration.ofSeconds(s.getMaxBatchWait().getSeconds(), s.getMaxBatchWait().getNanos());
        Lane lane = lanes.computeIfAbsent(model.version().label() + "#" + s.getMaxBatchSize() + "#" + wait.toNanos(),
                k -> new Lane(k, model.version().modelId(), s.getMaxBatchSize(), wait));
        Item item = new Item(model, inputs, new CompletableFuture<>());
        lane.queue.add(item);
        try {
            return item.result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        lanes.values().forEach(l -> l.worker.interrupt());
    }

    private record Item(ServingModel model, Map<String, Tensor> inputs, CompletableFuture<Map<String, Tensor>> result) {
    }

    /** One version's queue and worker. */
    private final class Lane {
        final LinkedBlockingQueue<Item> queue = new LinkedBlockingQueue<>();
        final Thread worker;

        Lane(String name, String modelId, int maxBatch, Duration wait) {
            worker = new Thread(() -> drain(modelId, maxBatch, wait), "zkinfer-batch-" + name);
            worker.setDaemon(true);
            worker.start();
        }

        private void drain(String modelId, int maxBatch, Duration wait) {
            List<Item> batch = new ArrayList<>(maxBatch);
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    batch.add(queue.take());
                    long deadline = System.nanoTime() + wait.toNanos();
                    while (batch.size() < maxBatch) {
                        long left = deadline - System.nanoTime();
                        Item next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
                        if (next == null) {
                            break;
                        }
                        batch.add(next);
                    }
                } catch (InterruptedException e) {
                    batch.forEach(i -> i.result.completeExceptionally(new IllegalStateException("the node is stopping")));
                    return;
                }
                metrics.recordBatch(modelId, batch.size());
                for (Item i : batch) {
                    try {
                        i.result.complete(i.model.run(i.inputs));
                    } catch (RuntimeException e) {
                        i.result.completeExceptionally(e);
                    }
                }
                batch.clear();
            }
        }
    }
}
