package io.zkinfer.server.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.zkinfer.api.v1.CheckModelHealthRequest;
import io.zkinfer.api.v1.HealthState;
import io.zkinfer.api.v1.InferRequest;
import io.zkinfer.api.v1.InferResponse;
import io.zkinfer.api.v1.ModelHealth;
import io.zkinfer.api.v1.ModelRef;
import io.zkinfer.api.v1.UpgradeHeader;
import io.zkinfer.prover.model.ModelDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A version whose files will not load: calls for the active version are served by the previous good version, the
 * answer names the version that served, health says DEGRADED, and a call naming the broken version is UNAVAILABLE.
 */
class LoadFallbackTest {

    @TempDir
    Path dir;

    @Test
    void aVersionThatWillNotLoadFallsBackToThePreviousGoodOne() throws Exception {
        try (NodeFixture node = new NodeFixture(dir)) {
            String modelId = node.deploy(NodeFixture.DEVELOPER, NodeFixture.mlpHeader("fragile"),
                    NodeFixture.mnistMlp()).getModel().getModelId();
            node.awaitBuilt(NodeFixture.DEVELOPER, modelId, 1);
            node.upgrade(NodeFixture.DEVELOPER, UpgradeHeader.newBuilder().setModelId(modelId)
                    .setActivateWhenReady(true).build(), NodeFixture.mnistMlp());
            assertEquals(2, node.awaitBuilt(NodeFixture.DEVELOPER, modelId, 2).getActiveVersion());

            ModelDirectory broken = node.node.registry().files().versionDirectory(modelId, 2);
            Files.delete(broken.file(ModelDirectory.VERIFICATION_KEY));

            InferResponse served = node.inference(NodeFixture.CLIENT).infer(InferRequest.newBuilder()
                    .setModel(ModelRef.newBuilder().setModelId(modelId)).addInputs(NodeFixture.digit(1)).build());
            assertEquals(1, served.getModel().getVersion(), "the previous good version served");
            assertEquals(10, served.getOutputs(0).getFloatValuesCount());

            StatusRuntimeException named = assertThrows(StatusRuntimeException.class, () -> node
                    .inference(NodeFixture.CLIENT).infer(InferRequest.newBuilder().setModel(ModelRef.newBuilder()
                            .setModelId(modelId).setVersion(2)).addInputs(NodeFixture.digit(1)).build()));
            assertEquals(Status.Code.UNAVAILABLE, named.getStatus().getCode(), named.getMessage());

            ModelHealth health = node.diagnostics(NodeFixture.DEVELOPER).checkModelHealth(CheckModelHealthRequest
                    .newBuilder().setModel(ModelRef.newBuilder().setModelId(modelId)).build());
            assertEquals(HealthState.HEALTH_STATE_DEGRADED, health.getState(), health.toString());
            assertEquals(1, health.getServing().getVersion());
        }
    }
}
