package io.zkinfer.server.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.zkinfer.api.v1.AnalyzeInferencePerformanceRequest;
import io.zkinfer.api.v1.BalanceRequest;
import io.zkinfer.api.v1.BillingServiceGrpc;
import io.zkinfer.api.v1.CheckModelHealthRequest;
import io.zkinfer.api.v1.ClosePayoutRequest;
import io.zkinfer.api.v1.DepositRequest;
import io.zkinfer.api.v1.DiagnosticsServiceGrpc;
import io.zkinfer.api.v1.EstimateResourceRequirementRequest;
import io.zkinfer.api.v1.GetModelRequest;
import io.zkinfer.api.v1.GetProofJobRequest;
import io.zkinfer.api.v1.InferBatchRequest;
import io.zkinfer.api.v1.InferRequest;
import io.zkinfer.api.v1.InferResponse;
import io.zkinfer.api.v1.InferenceServiceGrpc;
import io.zkinfer.api.v1.ListModelsRequest;
import io.zkinfer.api.v1.ListPayoutsRequest;
import io.zkinfer.api.v1.Model;
import io.zkinfer.api.v1.ModelFormat;
import io.zkinfer.api.v1.ModelRef;
import io.zkinfer.api.v1.ModelServiceGrpc;
import io.zkinfer.api.v1.Money;
import io.zkinfer.api.v1.PayoutRequest;
import io.zkinfer.api.v1.PayoutResponse;
import io.zkinfer.api.v1.PayoutStatus;
import io.zkinfer.api.v1.Plan;
import io.zkinfer.api.v1.Pricing;
import io.zkinfer.api.v1.ProofJob;
import io.zkinfer.api.v1.ProofJobState;
import io.zkinfer.api.v1.QuoteRequest;
import io.zkinfer.api.v1.RetireRequest;
import io.zkinfer.api.v1.RollbackRequest;
import io.zkinfer.api.v1.SetAccessRequest;
import io.zkinfer.api.v1.SetPricingRequest;
import io.zkinfer.api.v1.StatementRequest;
import io.zkinfer.api.v1.SubmitProofRequest;
import io.zkinfer.api.v1.SubscribeRequest;
import io.zkinfer.api.v1.Tensor;
import io.zkinfer.api.v1.UpgradeHeader;
import io.zkinfer.api.v1.UsageRequest;
import io.zkinfer.api.v1.VerificationServiceGrpc;
import io.zkinfer.api.v1.VerifyRequest;
import io.zkinfer.api.v1.WaitProofJobRequest;
import io.zkinfer.server.grpc.InferenceGrpcService;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every RPC of the five zkinfer services, called through one transport ({@link EveryRpcInProcessTest},
 * {@link EveryRpcOverLoopbackTest}): each answers a good request, and refuses a bad one with its status code and a
 * message, charging nothing. The refusals include those a client meets most: a malformed model, an input of the
 * wrong shape, an unknown model, a bad API key, an exhausted quota and an insufficient balance. The last test checks
 * against the services' descriptors that every RPC was seen both answering and refusing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class EveryRpcContract {

    /** A client on the enterprise plan with a quota of one call a month. */
    private static final String QUOTA_CLIENT = "client-quota";
    /** A paying client who has deposited nothing. */
    private static final String POOR_CLIENT = "client-poor";

    private final CallRecorder recorder = new CallRecorder();
    private NodeFixture node;
    private String modelId;

    /** How the stubs reach the node. */
    abstract NodeFixture.Transport transport();

    @BeforeAll
    void deployAndFund(@TempDir Path dir) throws Exception {
        node = new NodeFixture(dir, null, transport(), recorder);
        modelId = node.deploy(NodeFixture.DEVELOPER, NodeFixture.mlpHeader("every-rpc"), NodeFixture.mnistMlp())
                .getModel().getModelId();
        node.awaitBuilt(NodeFixture.DEVELOPER, modelId, 1);
        for (String client : List.of(NodeFixture.CLIENT, POOR_CLIENT)) {
            node.billing(client).subscribe(SubscribeRequest.newBuilder().setPlan(Plan.PLAN_PAY_PER_CALL)
                    .setIdempotencyKey("plan-" + client).build());
        }
        node.apiKey(QUOTA_CLIENT); // an account exists once it has a key
        node.node.billing().setPlan(QUOTA_CLIENT, new io.zkinfer.server.billing.Plan.Enterprise(1));
        for (String client : List.of(NodeFixture.CLIENT, QUOTA_CLIENT)) {
            node.billing(NodeFixture.OPERATOR).deposit(DepositRequest.newBuilder().setAccountId(client)
                    .setAmount(zkc(1_000_000)).setIdempotencyKey("fund-" + client).setReference("test").build());
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    @Test
    @Order(1)
    void inference() throws Exception {
        var client = node.inference(NodeFixture.CLIENT);
        long before = available(NodeFixture.CLIENT);
        InferResponse answer = client.infer(call(NodeFixture.digit(0)).setIdempotencyKey(key()).build());
        assertEquals(10, answer.getOutputs(0).getFloatValuesCount());
        assertEquals(before - NodeFixture.PRICE_MINOR, available(NodeFixture.CLIENT));

        long paid = available(NodeFixture.CLIENT);
        Tensor halfADigit = NodeFixture.digit(0).toBuilder().setShape(1, 392).clearFloatValues()
                .addAllFloatValues(NodeFixture.digit(0).getFloatValuesList().subList(0, 392)).build();
        refused(Status.Code.INVALID_ARGUMENT, "shape", () -> client.infer(call(halfADigit).build()));
        refused(Status.Code.NOT_FOUND, "mdl_nosuchmodel", () -> client.infer(InferRequest.newBuilder()
                .setModel(ModelRef.newBuilder().setModelId("mdl_nosuchmodel")).addInputs(NodeFixture.digit(0))
                .build()));
        refused(Status.Code.UNAUTHENTICATED, "key", () -> InferenceServiceGrpc.newBlockingStub(
                node.channelWithKey("zk_nosuchkey_" + "0".repeat(43))).infer(call(NodeFixture.digit(0)).build()));
        assertEquals(paid, available(NodeFixture.CLIENT), "refused calls charge nothing");

        refused(Status.Code.FAILED_PRECONDITION, "balance", () -> node.inference(POOR_CLIENT).infer(
                call(NodeFixture.digit(0)).build()));
        assertEquals(0, available(POOR_CLIENT));
        node.inference(QUOTA_CLIENT).infer(call(NodeFixture.digit(0)).build());
        long afterQuota = available(QUOTA_CLIENT);
        refused(Status.Code.RESOURCE_EXHAUSTED, "quota", () -> node.inference(QUOTA_CLIENT).infer(
                call(NodeFixture.digit(1)).build()));
        assertEquals(afterQuota, available(QUOTA_CLIENT), "a call past the quota is not charged");

        var batch = client.inferBatch(InferBatchRequest.newBuilder().addRequests(call(NodeFixture.digit(2)))
                .addRequests(call(halfADigit)).build());
        assertEquals(10, batch.getResponses(0).getOutputs(0).getFloatValuesCount());
        assertEquals(Status.Code.INVALID_ARGUMENT.value(), batch.getResponses(1).getError().getCode());
        InferBatchRequest.Builder tooMany = InferBatchRequest.newBuilder();
        for (int i = 0; i <= InferenceGrpcService.MAX_BATCH; i++) {
            tooMany.addRequests(call(NodeFixture.digit(i % 20)));
        }
        refused(Status.Code.INVALID_ARGUMENT, "at most " + InferenceGrpcService.MAX_BATCH, () -> client.inferBatch(
                tooMany.build()));
        assertEquals(paid - NodeFixture.PRICE_MINOR, available(NodeFixture.CLIENT), "only the good item was charged");

        List<InferResponse> streamed = stream(node.channelWithKey(key(NodeFixture.CLIENT)), call(
                NodeFixture.digit(3)).setRequestId("s1").build()).await();
        assertEquals("s1", streamed.get(0).getRequestId());
        StreamAnswers.Failed stranger = assertThrows(StreamAnswers.Failed.class, () -> stream(
                node.channelWithKey("zk_bad"), call(NodeFixture.digit(3)).build()).await());
        assertEquals(Status.Code.UNAUTHENTICATED, stranger.status.getCode());
    }

    @Test
    @Order(2)
    void proofJobsAndVerification() {
        var client = node.inference(NodeFixture.CLIENT);
        ProofJob job = client.submitProof(SubmitProofRequest.newBuilder().setModel(ref()).addInputs(
                NodeFixture.digit(4)).setIdempotencyKey(key()).build());
        refused(Status.Code.NOT_FOUND, "mdl_nosuchmodel", () -> client.submitProof(SubmitProofRequest.newBuilder()
                .setModel(ModelRef.newBuilder().setModelId("mdl_nosuchmodel")).addInputs(NodeFixture.digit(4))
                .build()));
        ProofJob last = null;
        for (Iterator<ProofJob> updates = client.waitProofJob(WaitProofJobRequest.newBuilder()
                .setJobId(job.getJobId()).build()); updates.hasNext(); ) {
            last = updates.next();
        }
        assertEquals(ProofJobState.PROOF_JOB_STATE_SUCCEEDED, last.getState());
        refused(Status.Code.NOT_FOUND, "job_nope", () -> client.waitProofJob(WaitProofJobRequest.newBuilder()
                .setJobId("job_nope").build()).hasNext());
        assertEquals(last.getPublicSignals(), client.getProofJob(GetProofJobRequest.newBuilder()
                .setJobId(job.getJobId()).build()).getPublicSignals());
        refused(Status.Code.NOT_FOUND, "job_nope", () -> client.getProofJob(GetProofJobRequest.newBuilder()
                .setJobId("job_nope").build()));

        var verifier = VerificationServiceGrpc.newBlockingStub(node.channelWithKey(key(NodeFixture.OPERATOR)));
        VerifyRequest verify = VerifyRequest.newBuilder().setModel(last.getModel()).setProof(last.getProof())
                .setPublicSignals(last.getPublicSignals()).build();
        assertTrue(verifier.verify(verify).getValid());
        refused(Status.Code.INVALID_ARGUMENT, "", () -> verifier.verify(verify.toBuilder().setPublicSignals(
                verify.getPublicSignals().toBuilder().setValues(0, "12abc")).build()));
    }

    @Test
    @Order(3)
    void billing() {
        var client = node.billing(NodeFixture.CLIENT);
        assertEquals(NodeFixture.PRICE_MINOR, client.quote(QuoteRequest.newBuilder().setModel(ref()).setCalls(1)
                .build()).getTotal().getMinorUnits());
        refused(Status.Code.NOT_FOUND, "mdl_nosuchmodel", () -> client.quote(QuoteRequest.newBuilder()
                .setModel(ModelRef.newBuilder().setModelId("mdl_nosuchmodel")).setCalls(1).build()));
        long before = available(NodeFixture.CLIENT);
        refused(Status.Code.PERMISSION_DENIED, "operator", () -> client.deposit(DepositRequest.newBuilder()
                .setAccountId(NodeFixture.CLIENT).setAmount(zkc(5)).setIdempotencyKey(key()).build()));
        assertEquals(before, available(NodeFixture.CLIENT), "a client cannot credit itself");
        refused(Status.Code.INVALID_ARGUMENT, "plan", () -> client.subscribe(SubscribeRequest.newBuilder()
                .setIdempotencyKey(key()).build()));
        assertEquals(before, client.balance(BalanceRequest.getDefaultInstance()).getAvailable().getMinorUnits());
        refused(Status.Code.PERMISSION_DENIED, "", () -> client.balance(BalanceRequest.newBuilder()
                .setAccountId(POOR_CLIENT).build()));
        assertTrue(client.usage(UsageRequest.getDefaultInstance()).getRecordsCount() >= 1);
        refused(Status.Code.INVALID_ARGUMENT, "page", () -> client.usage(UsageRequest.newBuilder()
                .setPageToken("not-a-token").build()));
        assertFalse(client.statement(StatementRequest.getDefaultInstance()).getLinesList().isEmpty());
        refused(Status.Code.INVALID_ARGUMENT, "page", () -> client.statement(StatementRequest.newBuilder()
                .setPageToken("not-a-token").build()));

        var developer = node.billing(NodeFixture.DEVELOPER);
        PayoutResponse payout = developer.payout(PayoutRequest.newBuilder().setAmount(zkc(1_000))
                .setDestination("0x00000000000000000000000000000000000000aa").setIdempotencyKey(key()).build());
        assertEquals(PayoutStatus.PAYOUT_STATUS_PENDING, payout.getStatus());
        refused(Status.Code.FAILED_PRECONDITION, "earnings", () -> developer.payout(PayoutRequest.newBuilder()
                .setAmount(zkc(1_000_000_000)).setDestination("0x00000000000000000000000000000000000000aa")
                .setIdempotencyKey(key()).build()));
        assertEquals(payout.getPayoutId(), developer.listPayouts(ListPayoutsRequest.getDefaultInstance())
                .getPayouts(0).getPayoutId());
        refused(Status.Code.PERMISSION_DENIED, "operator", () -> developer.listPayouts(ListPayoutsRequest
                .newBuilder().setAccountId("*").build()));
        ClosePayoutRequest close = ClosePayoutRequest.newBuilder().setPayoutId(payout.getPayoutId())
                .setStatus(PayoutStatus.PAYOUT_STATUS_COMPLETED).setReference("0xtransfer").setIdempotencyKey(key())
                .build();
        refused(Status.Code.PERMISSION_DENIED, "operator", () -> developer.closePayout(close));
        assertEquals(PayoutStatus.PAYOUT_STATUS_COMPLETED, node.billing(NodeFixture.OPERATOR).closePayout(close)
                .getStatus());
    }

    @Test
    @Order(4)
    void diagnostics() throws Exception {
        var diagnostics = DiagnosticsServiceGrpc.newBlockingStub(node.channelWithKey(key(NodeFixture.DEVELOPER)));
        ModelRef unknown = ModelRef.newBuilder().setModelId("mdl_nosuchmodel").build();
        assertEquals(1, diagnostics.checkModelHealth(CheckModelHealthRequest.newBuilder().setModel(ref()).build())
                .getServing().getVersion());
        refused(Status.Code.NOT_FOUND, "mdl_nosuchmodel", () -> diagnostics.checkModelHealth(
                CheckModelHealthRequest.newBuilder().setModel(unknown).build()));
        assertTrue(diagnostics.analyzeInferencePerformance(AnalyzeInferencePerformanceRequest.newBuilder()
                .setModel(ref()).build()).getUnprovenLatency().getCount() >= 1);
        refused(Status.Code.NOT_FOUND, "mdl_nosuchmodel", () -> diagnostics.analyzeInferencePerformance(
                AnalyzeInferencePerformanceRequest.newBuilder().setModel(unknown).build()));
        ByteString mlp = ByteString.copyFrom(NodeFixture.mnistMlp());
        assertTrue(diagnostics.validateModelFormat(io.zkinfer.api.v1.ValidateModelFormatRequest.newBuilder()
                .setFormat(ModelFormat.MODEL_FORMAT_ONNX).setModel(mlp).build()).getValid());
        refused(Status.Code.INVALID_ARGUMENT, "no model bytes", () -> diagnostics.validateModelFormat(
                io.zkinfer.api.v1.ValidateModelFormatRequest.getDefaultInstance()));
        assertTrue(diagnostics.estimateResourceRequirement(EstimateResourceRequirementRequest.newBuilder()
                .setModel(ref()).build()).getConstraints() > 10_000);
        refused(Status.Code.INVALID_ARGUMENT, "not a usable ONNX model", () -> diagnostics
                .estimateResourceRequirement(EstimateResourceRequirementRequest.newBuilder()
                        .setModelFile(ByteString.copyFromUtf8("this is not ONNX")).build()));
    }

    /** Last: the upgrade, rollback and retirement change what serves. */
    @Test
    @Order(5)
    void models() throws Exception {
        var models = ModelServiceGrpc.newBlockingStub(node.channelWithKey(key(NodeFixture.DEVELOPER)));
        var stranger = ModelServiceGrpc.newBlockingStub(node.channelWithKey(key(NodeFixture.CLIENT)));
        long listed = models.listModels(ListModelsRequest.newBuilder().setOwnedOnly(true).build()).getModelsCount();
        StatusRuntimeException malformed = assertThrows(StatusRuntimeException.class, () -> node.deploy(
                NodeFixture.DEVELOPER, NodeFixture.mlpHeader("not-a-model"), "this is not ONNX".getBytes()));
        assertRefusal(Status.Code.INVALID_ARGUMENT, "", malformed);
        assertEquals(listed, models.listModels(ListModelsRequest.newBuilder().setOwnedOnly(true).build())
                .getModelsCount(), "a refused deploy leaves no model");
        refused(Status.Code.INVALID_ARGUMENT, "page", () -> models.listModels(ListModelsRequest.newBuilder()
                .setPageToken("not-a-token").build()));
        assertEquals(modelId, models.getModel(GetModelRequest.newBuilder().setModelId(modelId).build())
                .getModelId());
        refused(Status.Code.NOT_FOUND, "mdl_nosuchmodel", () -> models.getModel(GetModelRequest.newBuilder()
                .setModelId("mdl_nosuchmodel").build()));

        StatusRuntimeException notOwner = assertThrows(StatusRuntimeException.class, () -> node.upgrade(
                NodeFixture.CLIENT, UpgradeHeader.newBuilder().setModelId(modelId).build(), NodeFixture.mnistMlp()));
        assertRefusal(Status.Code.PERMISSION_DENIED, "", notOwner);
        assertEquals(2, node.upgrade(NodeFixture.DEVELOPER, UpgradeHeader.newBuilder().setModelId(modelId)
                .setActivateWhenReady(true).setIdempotencyKey(key()).build(), NodeFixture.mnistMlp()).getVersion()
                .getRef().getVersion());
        Model upgraded = node.awaitBuilt(NodeFixture.DEVELOPER, modelId, 2);
        assertEquals(2, upgraded.getActiveVersion());

        assertEquals(1, models.rollback(RollbackRequest.newBuilder().setModelId(modelId).build()).getActiveVersion());
        refused(Status.Code.FAILED_PRECONDITION, "", () -> models.rollback(RollbackRequest.newBuilder()
                .setModelId(modelId).build()));
        assertEquals(1, models.retire(RetireRequest.newBuilder().setModelId(modelId).setVersion(2).build())
                .getActiveVersion());
        refused(Status.Code.NOT_FOUND, "", () -> models.retire(RetireRequest.newBuilder().setModelId(modelId)
                .setVersion(9).build()));

        assertEquals(5_000, models.setPricing(SetPricingRequest.newBuilder().setModelId(modelId).setPricing(
                Pricing.newBuilder().setBasePrice(zkc(5_000))).build()).getPricing().getBasePrice().getMinorUnits());
        refused(Status.Code.INVALID_ARGUMENT, "", () -> models.setPricing(SetPricingRequest.newBuilder()
                .setModelId(modelId).setPricing(Pricing.newBuilder().setBasePrice(zkc(-1))).build()));
        assertTrue(models.setAccess(SetAccessRequest.newBuilder().setModelId(modelId).setAccess(
                NodeFixture.mlpHeader("x").getAccess()).build()).hasAccess());
        refused(Status.Code.PERMISSION_DENIED, "", () -> stranger.setAccess(SetAccessRequest.newBuilder()
                .setModelId(modelId).setAccess(NodeFixture.mlpHeader("x").getAccess()).build()));
    }

    @Test
    @Order(6)
    void everyRpcAnsweredAndRefused() {
        Map<String, Set<Status.Code>> seen = recorder.endings();
        Set<String> missing = new TreeSet<>();
        for (ServiceDescriptor service : List.of(ModelServiceGrpc.getServiceDescriptor(),
                InferenceServiceGrpc.getServiceDescriptor(), VerificationServiceGrpc.getServiceDescriptor(),
                BillingServiceGrpc.getServiceDescriptor(), DiagnosticsServiceGrpc.getServiceDescriptor())) {
            for (MethodDescriptor<?, ?> method : service.getMethods()) {
                Set<Status.Code> codes = seen.getOrDefault(method.getFullMethodName(), Set.of());
                if (!codes.contains(Status.Code.OK)) {
                    missing.add(method.getFullMethodName() + " answered");
                }
                if (codes.stream().noneMatch(c -> c != Status.Code.OK)) {
                    missing.add(method.getFullMethodName() + " refused");
                }
            }
        }
        assertTrue(missing.isEmpty(), "not seen over " + transport() + ": " + missing + "; seen: " + seen);
    }

    /** Sends {@code request} on an InferStream through {@code channel} and half-closes; the answers to come. */
    private static StreamAnswers<InferResponse> stream(io.grpc.Channel channel, InferRequest request) {
        StreamAnswers<InferResponse> answers = new StreamAnswers<>();
        StreamObserver<InferRequest> requests = InferenceServiceGrpc.newStub(channel).inferStream(answers);
        requests.onNext(request);
        requests.onCompleted();
        return answers;
    }

    private long available(String account) {
        return node.available(account).minor();
    }

    private String key(String account) {
        return node.apiKey(account);
    }

    private InferRequest.Builder call(Tensor input) {
        return InferRequest.newBuilder().setModel(ref()).addInputs(input);
    }

    private ModelRef ref() {
        return ModelRef.newBuilder().setModelId(modelId).build();
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    private static Money zkc(long minorUnits) {
        return Money.newBuilder().setMinorUnits(minorUnits).setCurrency("ZKC").build();
    }

    private static void refused(Status.Code code, String saying, Runnable call) {
        assertRefusal(code, saying, assertThrows(StatusRuntimeException.class, call::run));
    }

    /** The refusal has {@code code} and a message that contains {@code saying} (case aside). */
    private static void assertRefusal(Status.Code code, String saying, StatusRuntimeException e) {
        assertEquals(code, e.getStatus().getCode(), e.getMessage());
        System.out.println("refused as expected: " + e.getMessage());
        String message = String.valueOf(e.getStatus().getDescription());
        assertFalse(message.isBlank(), "a refusal says why");
        assertTrue(message.toLowerCase(java.util.Locale.ROOT).contains(saying.toLowerCase(java.util.Locale.ROOT)),
                "'" + message + "' should mention '" + saying + "'");
    }
}
