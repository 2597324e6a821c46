package io.zkinfer.server.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.Duration;
import io.grpc.Status;
import io.zkinfer.api.v1.ServingSettings;
import io.zkinfer.server.grpc.ServiceException;
import org.junit.jupiter.api.Test;

/** One model's calls are capped and timed; other models are not affected. */
class ModelLimitsTest {

    private static final ServingSettings ONE_AT_A_TIME = ServingSettings.newBuilder().setMaxConcurrency(1)
            .setInferenceTimeout(Duration.newBuilder().setNanos(50_000_000)).build();

    @Test
    void aModelAtItsLimitRefusesAfterTheTimeoutWhileAnotherModelRuns() {
        ModelLimits limits = new ModelLimits(8, java.time.Duration.ofSeconds(5));
        try (ModelLimits.Turn held = limits.enter("busy v1", ONE_AT_A_TIME)) {
            ServiceException e = assertThrows(ServiceException.class, () -> limits.enter("busy v1", ONE_AT_A_TIME));
            assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.code());
            try (ModelLimits.Turn other = limits.enter("other v1", ONE_AT_A_TIME)) {
                other.requireInTime();
            }
        }
        try (ModelLimits.Turn again = limits.enter("busy v1", ONE_AT_A_TIME)) {
            again.requireInTime();
        }
    }

    @Test
    void aCallPastItsTimeoutIsRefused() throws InterruptedException {
        ModelLimits limits = new ModelLimits(8, java.time.Duration.ofSeconds(5));
        try (ModelLimits.Turn turn = limits.enter("slow v1", ONE_AT_A_TIME)) {
            Thread.sleep(80);
            ServiceException e = assertThrows(ServiceException.class, turn::requireInTime);
            assertEquals(Status.Code.DEADLINE_EXCEEDED, e.code());
        }
    }
}
