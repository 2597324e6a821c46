package io.zkinfer.server.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Duration;
import io.zkinfer.api.v1.InferRequest;
import io.zkinfer.api.v1.InferResponse;
import io.zkinfer.api.v1.ModelRef;
import io.zkinfer.api.v1.ServingSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Concurrent calls to a version that batches are answered in batches, each answer the one it gets alone. */
class BatchingTest {

    @TempDir
    Path dir;

    @Test
    void concurrentCallsAreBatchedAndEachGetsItsOwnAnswer() throws Exception {
        try (NodeFixture node = new NodeFixture(dir)) {
            String plain = node.deploy(NodeFixture.DEVELOPER, NodeFixture.mlpHeader("alone"), NodeFixture.mnistMlp())
                    .getModel().getModelId();
            String batched = node.deploy(NodeFixture.DEVELOPER, NodeFixture.mlpHeader("batched").toBuilder()
                    .setServing(ServingSettings.newBuilder().setMaxBatchSize(8)
                            .setMaxBatchWait(Duration.newBuilder().setNanos(20_000_000))).build(),
                    NodeFixture.mnistMlp()).getModel().getModelId();
            node.awaitBuilt(NodeFixture.DEVELOPER, plain, 1);
            node.awaitBuilt(NodeFixture.DEVELOPER, batched, 1);
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<Future<InferResponse>> answers = new ArrayList<>();
                for (int i = 0; i < 32; i++) {
                    int shift = i % 8;
                    answers.add(pool.submit(() -> node.inference(NodeFixture.CLIENT).infer(request(batched, shift))));
                }
                for (int i = 0; i < 32; i++) {
                    InferResponse alone = node.inference(NodeFixture.CLIENT).infer(request(plain, i % 8));
                    assertEquals(alone.getOutputs(0), answers.get(i).get().getOutputs(0), "call " + i);
                }
            } finally {
                pool.shutdownNow();
            }
            double mean = node.node.metrics().meanBatchSize(batched);
            assertTrue(mean > 1.0, "mean batch size " + mean);
        }
    }

    private static InferRequest request(String modelId, int shift) {
        return InferRequest.newBuilder().setModel(ModelRef.newBuilder().setModelId(modelId))
                .addInputs(NodeFixture.digit(shift)).build();
    }
}
