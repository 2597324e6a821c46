package io.zkinfer.server.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.zkinfer.api.v1.AccessMode;
import io.zkinfer.api.v1.AccessPolicy;
import io.zkinfer.api.v1.DeployResponse;
import io.zkinfer.api.v1.GetModelRequest;
import io.zkinfer.api.v1.InferRequest;
import io.zkinfer.api.v1.ListModelsRequest;
import io.zkinfer.api.v1.ListModelsResponse;
import io.zkinfer.api.v1.Model;
import io.zkinfer.api.v1.ModelRef;
import io.zkinfer.api.v1.Money;
import io.zkinfer.api.v1.Pricing;
import io.zkinfer.api.v1.RetireRequest;
import io.zkinfer.api.v1.RollbackRequest;
import io.zkinfer.api.v1.SetAccessRequest;
import io.zkinfer.api.v1.SetPricingRequest;
import io.zkinfer.api.v1.UpgradeHeader;
import io.zkinfer.api.v1.VersionStatus;
import io.zkinfer.server.store.LedgerStoreFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model's life through ModelService: an upgrade becomes active when ready, rollback and retire move the active
 * pointer, pricing and access change, listing pages through models, and each RPC refuses the wrong caller, an
 * unknown model and a malformed request with its status, changing nothing. Runs on SQLite and PostgreSQL
 * ({@link ModelLifecycleOnSqliteTest}, {@link ModelLifecycleOnPostgresTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ModelLifecycleContract {

    NodeFixture node;
    String modelId;

    /** The database engine the registry runs on. */
    abstract LedgerStoreFactory engine();

    @BeforeAll
    void deployAndUpgrade(@TempDir Path dir) throws Exception {
        LedgerStoreFactory engine = engine();
        engine.open().close();
        node = new NodeFixture(dir, engine.lastUrl());
        modelId = node.deploy(NodeFixture.DEVELOPER, NodeFixture.mlpHeader("life"), NodeFixture.mnistMlp())
                .getModel().getModelId();
        node.awaitBuilt(NodeFixture.DEVELOPER, modelId, 1);
        DeployResponse up = upgrade(UpgradeHeader.newBuilder().setModelId(modelId).setActivateWhenReady(true)
                .setNotes("same weights, second version").setIdempotencyKey("up-1").build(),
                NodeFixture.mnistMlp());
        assertEquals(2, up.getVersion().getRef().getVersion());
        Model m = node.awaitBuilt(NodeFixture.DEVELOPER, modelId, 2);
        assertEquals(2, m.getActiveVersion());
    }

    @AfterAll
    void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void rollbackServesTheEarlierVersionAndRetireTakesOneOutOfService() {
        var models = node.models(NodeFixture.DEVELOPER);
        assertEquals(1, models.rollback(RollbackRequest.newBuilder().setModelId(modelId).build()).getActiveVersion());
        var answer = node.inference(NodeFixture.CLIENT).infer(InferRequest.newBuilder()
                .setModel(ModelRef.newBuilder().setModelId(modelId)).addInputs(NodeFixture.digit(0)).build());
        assertEquals(1, answer.getModel().getVersion(), "the active version serves version 0");
        assertCode(Status.Code.FAILED_PRECONDITION, () -> models.rollback(RollbackRequest.newBuilder()
                .setModelId(modelId).build()));

        Model retired = models.retire(RetireRequest.newBuilder().setModelId(modelId).setVersion(2).build());
        assertEquals(1, retired.getActiveVersion());
        assertCode(Status.Code.FAILED_PRECONDITION, () -> node.inference(NodeFixture.CLIENT).infer(
                InferRequest.newBuilder().setModel(ModelRef.newBuilder().setModelId(modelId).setVersion(2))
                        .addInputs(NodeFixture.digit(0)).build()));
        Model all = models.getModel(GetModelRequest.newBuilder().setModelId(modelId).setIncludeVersions(true)
                .build());
        assertEquals(VersionStatus.VERSION_STATUS_RETIRED, all.getVersions(0).getStatus());
        assertEquals(64, all.getVersions(0).getVerifyingKeySha256().length(), "a retired version keeps its key");
        assertCode(Status.Code.FAILED_PRECONDITION, () -> models.rollback(RollbackRequest.newBuilder()
                .setModelId(modelId).setToVersion(2).build()));
        assertCode(Status.Code.NOT_FOUND, () -> models.retire(RetireRequest.newBuilder().setModelId(modelId)
                .setVersion(7).build()));
    }

    @Test
    void onlyTheOwnerChangesAModel() {
        var stranger = node.models(NodeFixture.CLIENT);
        assertCode(Status.Code.PERMISSION_DENIED, () -> stranger.rollback(RollbackRequest.newBuilder()
                .setModelId(modelId).build()));
        assertCode(Status.Code.PERMISSION_DENIED, () -> stranger.retire(RetireRequest.newBuilder()
                .setModelId(modelId).build()));
        assertCode(Status.Code.PERMISSION_DENIED, () -> stranger.setPricing(SetPricingRequest.newBuilder()
                .setModelId(modelId).setPricing(Pricing.getDefaultInstance()).build()));
        assertCode(Status.Code.PERMISSION_DENIED, () -> stranger.setAccess(SetAccessRequest.newBuilder()
                .setModelId(modelId).setAccess(AccessPolicy.getDefaultInstance()).build()));
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> node.upgrade(NodeFixture.CLIENT,
                UpgradeHeader.newBuilder().setModelId(modelId).build(), NodeFixture.mnistMlp()));
        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        assertFalse(stranger.getModel(GetModelRequest.newBuilder().setModelId(modelId).build()).getRetired());
    }

    @Test
    void pricingAndAccessChangeAndAreChecked() {
        var models = node.models(NodeFixture.DEVELOPER);
        Model priced = models.setPricing(SetPricingRequest.newBuilder().setModelId(modelId).setPricing(
                Pricing.newBuilder().setBasePrice(Money.newBuilder().setMinorUnits(5_000).setCurrency("ZKC"))
                        .setDeveloperShareBps(8000)).build());
        assertEquals(5_000, priced.getPricing().getBasePrice().getMinorUnits());
        assertCode(Status.Code.INVALID_ARGUMENT, () -> models.setPricing(SetPricingRequest.newBuilder()
                .setModelId(modelId).setPricing(Pricing.newBuilder().setBasePrice(Money.newBuilder()
                        .setMinorUnits(-1))).build()));
        assertCode(Status.Code.INVALID_ARGUMENT, () -> models.setPricing(SetPricingRequest.newBuilder()
                .setModelId(modelId).build()));
        assertEquals(5_000, models.getModel(GetModelRequest.newBuilder().setModelId(modelId).build()).getPricing()
                .getBasePrice().getMinorUnits(), "a refused change leaves the price");

        Model closed = models.setAccess(SetAccessRequest.newBuilder().setModelId(modelId).setAccess(
                AccessPolicy.newBuilder().setMode(AccessMode.ACCESS_MODE_PRIVATE)).build());
        assertEquals(AccessMode.ACCESS_MODE_PRIVATE, closed.getAccess().getMode());
        assertCode(Status.Code.PERMISSION_DENIED, () -> node.models(NodeFixture.CLIENT).getModel(
                GetModelRequest.newBuilder().setModelId(modelId).build()));
        models.setAccess(SetAccessRequest.newBuilder().setModelId(modelId).setAccess(AccessPolicy.newBuilder()
                .setMode(AccessMode.ACCESS_MODE_PUBLIC)).build());
    }

    @Test
    void listingPagesThroughTheModelsACallerMaySee() throws Exception {
        for (int i = 0; i < 3; i++) {
            node.deploy("dev-list", NodeFixture.mlpHeader("listed-" + i), NodeFixture.mnistMlp());
        }
        var lister = node.models("dev-list");
        ListModelsResponse first = lister.listModels(ListModelsRequest.newBuilder().setOwnedOnly(true)
                .setPageSize(2).build());
        assertEquals(2, first.getModelsCount());
        assertFalse(first.getNextPageToken().isEmpty());
        ListModelsResponse second = lister.listModels(ListModelsRequest.newBuilder().setOwnedOnly(true)
                .setPageSize(2).setPageToken(first.getNextPageToken()).build());
        assertEquals(1, second.getModelsCount());
        assertEquals("listed-2", second.getModels(0).getName());
        assertTrue(second.getNextPageToken().isEmpty());
        assertCode(Status.Code.INVALID_ARGUMENT, () -> lister.listModels(ListModelsRequest.newBuilder()
                .setPageToken("not-a-token!").build()));
        assertCode(Status.Code.INVALID_ARGUMENT, () -> lister.listModels(ListModelsRequest.newBuilder()
                .setPageSize(1000).build()));
    }

    @Test
    void anUpgradeRetriedWithItsKeyAnswersTheFirstAndAChangedOneIsRefused() throws Exception {
        UpgradeHeader header = UpgradeHeader.newBuilder().setModelId(modelId).setActivateWhenReady(true)
                .setNotes("same weights, second version").setIdempotencyKey("up-1").build();
        assertEquals(2, upgrade(header, NodeFixture.mnistMlp()).getVersion().getRef().getVersion());
        StatusRuntimeException changed = assertThrows(StatusRuntimeException.class, () -> upgrade(
                header.toBuilder().setNotes("other notes").build(), NodeFixture.mnistMlp()));
        assertEquals(Status.Code.ALREADY_EXISTS, changed.getStatus().getCode());
        StatusRuntimeException wrongDigest = assertThrows(StatusRuntimeException.class, () -> upgrade(
                header.toBuilder().setIdempotencyKey("up-2").setSha256("00".repeat(32)).build(),
                NodeFixture.mnistMlp()));
        assertEquals(Status.Code.INVALID_ARGUMENT, wrongDigest.getStatus().getCode());
        StatusRuntimeException unknown = assertThrows(StatusRuntimeException.class, () -> upgrade(
                UpgradeHeader.newBuilder().setModelId("mdl_unknown").build(), NodeFixture.mnistMlp()));
        assertEquals(Status.Code.NOT_FOUND, unknown.getStatus().getCode());
        assertEquals(2, node.models(NodeFixture.DEVELOPER).getModel(GetModelRequest.newBuilder()
                .setModelId(modelId).setIncludeVersions(true).build()).getVersionsCount());
    }

    private DeployResponse upgrade(UpgradeHeader header, byte[] bytes) throws Exception {
        return node.upgrade(NodeFixture.DEVELOPER, header, bytes);
    }

    private static void assertCode(Status.Code code, Runnable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
        assertEquals(code, e.getStatus().getCode(), e.getMessage());
    }
}
