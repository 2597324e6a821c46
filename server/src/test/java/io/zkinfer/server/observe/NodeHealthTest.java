package io.zkinfer.server.observe;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.zkinfer.api.v1.InferenceServiceGrpc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeHealthTest {

    private static final String INFERENCE = InferenceServiceGrpc.SERVICE_NAME;

    private ObservedServer node;
    private HealthGrpc.HealthBlockingStub health;

    @BeforeEach
    void start() throws Exception {
        node = new ObservedServer();
        health = HealthGrpc.newBlockingStub(node.channel);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private ServingStatus check(String service) {
        return health.check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
    }

    @Test
    void everythingStartsNotServingAndServesOnceMarked() {
        assertEquals(ServingStatus.NOT_SERVING, check(NodeHealth.NODE));
        for (String service : NodeHealth.SERVICES) {
            assertEquals(ServingStatus.NOT_SERVING, check(service), service);
        }
        node.health.markAllServing();
        assertEquals(ServingStatus.SERVING, check(""));
        for (String service : NodeHealth.SERVICES) {
            assertEquals(ServingStatus.SERVING, check(service), service);
        }
        assertTrue(NodeHealth.SERVICES.contains("zkinfer.v1.DiagnosticsService"));
    }

    @Test
    void oneServiceCanStopServingAlone() {
        node.health.markAllServing();
        node.health.setServing(INFERENCE, false);
        assertEquals(ServingStatus.NOT_SERVING, check(INFERENCE));
        assertEquals(ServingStatus.SERVING, check("zkinfer.v1.BillingService"));
        node.health.setServing(INFERENCE, true);
        assertEquals(ServingStatus.SERVING, check(INFERENCE));
    }

    @Test
    void drainTurnsEverythingNotServingForGood() {
        node.health.markAllServing();
        assertFalse(node.health.draining());
        node.health.enterDrain();
        assertTrue(node.health.draining());
        assertEquals(ServingStatus.NOT_SERVING, check(""));
        for (String service : NodeHealth.SERVICES) {
            assertEquals(ServingStatus.NOT_SERVING, check(service), service);
        }
        node.health.markAllServing();
        node.health.setServing(INFERENCE, true);
        assertEquals(ServingStatus.NOT_SERVING, check(""));
        assertEquals(ServingStatus.NOT_SERVING, check(INFERENCE));
    }

    @Test
    void anUnknownServiceIsNotFoundAndHealthChecksAreCounted() {
        StatusRuntimeException unknown = assertThrows(StatusRuntimeException.class, () -> check("no.such.Service"));
        assertEquals(Status.Code.NOT_FOUND, unknown.getStatus().getCode());
        check("");
        assertEquals(1, node.metrics.rpcCount("grpc.health.v1.Health", "Check", Status.Code.OK));
        assertEquals(1, node.metrics.rpcCount("grpc.health.v1.Health", "Check", Status.Code.NOT_FOUND));
    }
}
