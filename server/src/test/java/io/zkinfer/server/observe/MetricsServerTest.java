package io.zkinfer.server.observe;

import io.grpc.Status;
import io.zkinfer.server.billing.Money;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsServerTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> get(int port) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + MetricsServer.PATH))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aScrapeShowsEveryMetricWithItsLabels() throws Exception {
        NodeMetrics metrics = new NodeMetrics();
        metrics.recordRpc("zkinfer.v1.InferenceService", "Infer", Status.Code.OK, 3_000_000);
        metrics.recordRpc("zkinfer.v1.InferenceService", "Infer", Status.Code.INVALID_ARGUMENT, 200_000);
        metrics.recordInference("mnist", InferencePath.ONNX_RUNTIME_FLOAT, false, 400_000);
        metrics.inferenceFailed("mnist", Status.Code.INVALID_ARGUMENT);
        metrics.cacheHit("mnist");
        metrics.cacheMiss("mnist");
        metrics.proofQueueDepth(() -> 3);
        metrics.recordProof("mnist", ProofOutcome.SUCCEEDED, 2_000_000_000L);
        metrics.revenue(Money.zkc(1_500_000), "mnist");
        metrics.recordBatch("mnist", 8);

        try (MetricsServer server = MetricsServer.start("127.0.0.1", 0, metrics)) {
            assertTrue(server.port() > 0);
            HttpResponse<String> response = get(server.port());
            assertEquals(200, response.statusCode());
            String text = response.body();
            for (String expected : new String[] {
                    "# TYPE zkinfer_rpc_duration_seconds histogram",
                    "zkinfer_rpc_duration_seconds_bucket{code=\"OK\",method=\"Infer\",service=\"zkinfer.v1.InferenceService\",le=\"0.003\"} 1",
                    "zkinfer_rpc_duration_seconds_count{code=\"INVALID_ARGUMENT\",method=\"Infer\",service=\"zkinfer.v1.InferenceService\"} 1",
                    "zkinfer_rpc_requests_total{code=\"OK\",method=\"Infer\",service=\"zkinfer.v1.InferenceService\"} 1",
                    "zkinfer_inference_duration_seconds_count{model=\"mnist\",path=\"onnx_runtime_float\",proven=\"false\"} 1",
                    "zkinfer_inference_failures_total{code=\"INVALID_ARGUMENT\",model=\"mnist\"} 1",
                    "zkinfer_model_cache_hits_total{model=\"mnist\"} 1",
                    "zkinfer_model_cache_misses_total{model=\"mnist\"} 1",
                    "zkinfer_proof_queue_depth 3",
                    "zkinfer_proof_duration_seconds_count{model=\"mnist\"} 1",
                    "zkinfer_proof_jobs_total{model=\"mnist\",outcome=\"succeeded\"} 1",
                    "zkinfer_revenue_minor_units_total{coin=\"ZKC\",model=\"mnist\"} 1500000",
                    "zkinfer_batch_size_sum{model=\"mnist\"} 8",
            }) {
                assertTrue(text.contains(expected), "scrape lacks '" + expected + "':\n" + text);
            }
            assertFalse(text.contains("jvm_"), "no metric of another registry leaks in");
        }
    }

    @Test
    void aClosedServerNoLongerAnswers() throws Exception {
        MetricsServer server = MetricsServer.start("127.0.0.1", 0, new NodeMetrics());
        int port = server.port();
        assertEquals(200, get(port).statusCode());
        server.close();
        assertThrows(ConnectException.class, () -> get(port));
    }

    @Test
    void aTakenPortOrABadOneIsRefusedWithItsNumber() {
        try (MetricsServer first = MetricsServer.start("127.0.0.1", 0, new NodeMetrics())) {
            UncheckedIOException taken = assertThrows(UncheckedIOException.class,
                    () -> MetricsServer.start("127.0.0.1", first.port(), new NodeMetrics()));
            assertTrue(taken.getMessage().contains(String.valueOf(first.port())), taken.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> MetricsServer.start("127.0.0.1", 70_000, new NodeMetrics()));
    }
}
