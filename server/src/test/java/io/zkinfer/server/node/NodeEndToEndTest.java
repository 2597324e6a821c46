package io.zkinfer.server.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.zkinfer.api.Receipts;
import io.zkinfer.api.v1.DeployResponse;
import io.zkinfer.api.v1.ExecutionPath;
import io.zkinfer.api.v1.InferBatchRequest;
import io.zkinfer.api.v1.InferBatchResponse;
import io.zkinfer.api.v1.InferRequest;
import io.zkinfer.api.v1.InferResponse;
import io.zkinfer.api.v1.InvalidReason;
import io.zkinfer.api.v1.Model;
import io.zkinfer.api.v1.ModelRef;
import io.zkinfer.api.v1.ProofJobState;
import io.zkinfer.api.v1.PublicSignals;
import io.zkinfer.api.v1.QuoteRequest;
import io.zkinfer.api.v1.QuoteResponse;
import io.zkinfer.api.v1.ServingSettings;
import io.zkinfer.api.v1.SettlementReceipt;
import io.zkinfer.api.v1.Tensor;
import io.zkinfer.api.v1.VerifyRequest;
import io.zkinfer.api.v1.VerifyResponse;
import io.zkinfer.api.v1.VersionStatus;
import io.zkinfer.server.billing.Coin;
import io.zkinfer.server.billing.LedgerAccount;
import io.zkinfer.server.billing.Money;
import io.zkinfer.server.billing.Plan;
import io.zkinfer.server.billing.ReceiptSigner;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node in-process with the MNIST perceptron deployed through the API: it builds, serves unproven and proven calls
 * that agree, charges an unproven call at once and a proven one only once its proof verified, verifies proofs for
 * nodes, and refuses bad requests with the status the README's table gives, charging nothing.
 */
class NodeEndToEndTest {

    @TempDir
    static Path dir;
    static NodeFixture node;
    static String modelId;

    @BeforeAll
    static void deployMnist() throws Exception {
        node = new NodeFixture(dir);
        DeployResponse d = node.deploy(NodeFixture.DEVELOPER, NodeFixture.mlpHeader("mnist-mlp"),
                NodeFixture.mnistMlp());
        modelId = d.getModel().getModelId();
        assertEquals(1, d.getVersion().getRef().getVersion());
        Model m = node.awaitBuilt(NodeFixture.DEVELOPER, modelId, 1);
        assertEquals(VersionStatus.VERSION_STATUS_READY, m.getVersions(0).getStatus(),
                m.getVersions(0).getStatusMessage());
        node.node.billing().setPlan(NodeFixture.CLIENT, new Plan.PayPerCall());
        node.node.billing().deposit("fund-bob", NodeFixture.CLIENT, Money.zkc(1_000_000));
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    @Test
    void theDeployedVersionIsActiveWithItsCircuitAndKey() {
        Model m = node.models(NodeFixture.CLIENT).getModel(io.zkinfer.api.v1.GetModelRequest.newBuilder()
                .setModelId(modelId).build());
        assertEquals(1, m.getActiveVersion());
        assertEquals(NodeFixture.DEVELOPER, m.getOwnerAccountId());
        assertTrue(m.getVersions(0).getCircuit().getConstraints() > 10_000, m.toString());
        assertEquals(64, m.getVersions(0).getVerifyingKeySha256().length());
    }

    @Test
    void anUnprovenCallIsChargedOnceEvenWhenRetried() {
        Money before = node.available(NodeFixture.CLIENT);
        InferRequest request = infer(NodeFixture.digit(0), false).setIdempotencyKey("bob-" + UUID.randomUUID())
                .build();
        InferResponse first = node.inference(NodeFixture.CLIENT).infer(request);
        InferResponse retry = node.inference(NodeFixture.CLIENT).infer(request);
        assertEquals(10, first.getOutputs(0).getFloatValuesCount());
        assertEquals(first.getOutputs(0), retry.getOutputs(0));
        assertEquals(NodeFixture.PRICE_MINOR, first.getCharge().getMinorUnits());
        assertEquals(before.minor() - NodeFixture.PRICE_MINOR, node.available(NodeFixture.CLIENT).minor());
        assertEquals(64, first.getDigests().getInputSha256().length());
        assertEquals(modelId, first.getModel().getModelId());
        assertEquals(1, first.getModel().getVersion());
    }

    @Test
    void aProvenCallAgreesWithTheUnprovenOneAndSettlesAfterItsProofVerifies() {
        long earningsBefore = node.node.billing().balance(LedgerAccount.developerEarnings(NodeFixture.DEVELOPER),
                Coin.ZKC).minor();
        InferResponse plain = node.inference(NodeFixture.CLIENT).infer(infer(NodeFixture.digit(3), false).build());
        InferResponse proven = node.inference(NodeFixture.CLIENT).infer(infer(NodeFixture.digit(3), true)
                .setAwaitProof(true).setIdempotencyKey("bob-proven-" + UUID.randomUUID()).build());
        assertEquals(ProofJobState.PROOF_JOB_STATE_SUCCEEDED, proven.getProofState());
        assertEquals(plain.getOutputs(0), proven.getOutputs(0));
        assertEquals(plain.getDigests().getOutputSha256(), proven.getDigests().getOutputSha256());
        assertEquals(3, proven.getProof().getPiACount());
        assertEquals(794, proven.getPublicSignals().getValuesCount());
        long earned = node.node.billing().balance(LedgerAccount.developerEarnings(NodeFixture.DEVELOPER), Coin.ZKC)
                .minor() - earningsBefore;
        assertEquals(NodeFixture.PRICE_MINOR * 7 / 10 * 2, earned, "70% of both calls reach the developer");

        VerifyResponse ok = node.verification(NodeFixture.OPERATOR).verify(verify(proven, proven.getPublicSignals()));
        assertTrue(ok.getValid(), ok.getDetail());
        assertEquals(proven.getDigests().getVerifyingKeySha256(), ok.getVerifyingKeySha256());

        SettlementReceipt receipt = proven.getReceipt();
        byte[] nodeKey = node.node.billing().receiptKey();
        assertTrue(Receipts.verify(receipt, nodeKey), "the node's receipt checks offline with its key");
        assertEquals(proven.getDigests().getOutputSha256(), receipt.getOutputSha256());
        assertEquals(NodeFixture.PRICE_MINOR, receipt.getAmount().getMinorUnits());
        assertEquals(NodeFixture.PRICE_MINOR * 7 / 10, receipt.getDeveloperShare().getMinorUnits());
        assertFalse(Receipts.verify(receipt.toBuilder().setAmount(receipt.getAmount().toBuilder().setMinorUnits(1))
                .build(), nodeKey), "a changed amount fails");
        assertFalse(Receipts.verify(receipt.toBuilder().setOutputSha256("00".repeat(32)).build(), nodeKey));
        byte[] otherKey = ReceiptSigner.generate(new SecureRandom()).publicKey();
        assertFalse(Receipts.verify(receipt, otherKey), "another node's key fails");
    }

    @Test
    void aVerifierGetsAReasonForEveryKindOfBadProof() {
        InferResponse proven = node.inference(NodeFixture.CLIENT).infer(infer(NodeFixture.digit(5), true)
                .setAwaitProof(true).build());
        PublicSignals signals = proven.getPublicSignals();
        String first = signals.getValues(0);
        String changed = first.equals("1") ? "2" : "1";
        VerifyResponse tampered = node.verification(NodeFixture.OPERATOR).verify(verify(proven,
                signals.toBuilder().setValues(0, changed).build()));
        assertFalse(tampered.getValid());
        assertEquals(InvalidReason.INVALID_REASON_PAIRING_CHECK_FAILED, tampered.getReason());

        VerifyResponse unreduced = node.verification(NodeFixture.OPERATOR).verify(verify(proven,
                signals.toBuilder().setValues(0, io.zkinfer.algebra.field.Fr.MODULUS.toString()).build()));
        assertEquals(InvalidReason.INVALID_REASON_SIGNAL_OUT_OF_RANGE, unreduced.getReason());

        VerifyResponse short1 = node.verification(NodeFixture.OPERATOR).verify(verify(proven,
                PublicSignals.newBuilder().addAllValues(signals.getValuesList().subList(1, signals.getValuesCount()))
                        .build()));
        assertEquals(InvalidReason.INVALID_REASON_SIGNAL_COUNT_MISMATCH, short1.getReason());

        VerifyRequest offCurve = verify(proven, signals).toBuilder().setProof(proven.getProof().toBuilder()
                .setPiA(1, "7")).build();
        VerifyResponse off = node.verification(NodeFixture.OPERATOR).verify(offCurve);
        assertEquals(InvalidReason.INVALID_REASON_POINT_NOT_ON_CURVE, off.getReason(), off.getDetail());

        assertCode(Status.Code.INVALID_ARGUMENT, () -> node.verification(NodeFixture.OPERATOR).verify(verify(proven,
                signals.toBuilder().setValues(0, "12abc").build())));
    }

    @Test
    void badRequestsAreRefusedWithTheirCodeAndChargeNothing() throws Exception {
        Money before = node.available(NodeFixture.CLIENT);
        Tensor wrongShape = NodeFixture.digit(0).toBuilder().setShape(1, 392).clearFloatValues()
                .addAllFloatValues(NodeFixture.digit(0).getFloatValuesList().subList(0, 392)).build();
        assertCode(Status.Code.INVALID_ARGUMENT, () -> node.inference(NodeFixture.CLIENT).infer(
                infer(wrongShape, false).build()));
        assertCode(Status.Code.INVALID_ARGUMENT, () -> node.inference(NodeFixture.CLIENT).infer(
                infer(NodeFixture.digit(0).toBuilder().setName("image").build(), false).build()));
        assertCode(Status.Code.NOT_FOUND, () -> node.inference(NodeFixture.CLIENT).infer(InferRequest.newBuilder()
                .setModel(ModelRef.newBuilder().setModelId("mdl_nosuchmodel")).addInputs(NodeFixture.digit(0))
                .build()));
        assertCode(Status.Code.NOT_FOUND, () -> node.inference(NodeFixture.CLIENT).infer(infer(NodeFixture.digit(0),
                false).setModel(ModelRef.newBuilder().setModelId(modelId).setVersion(9)).build()));
        assertEquals(before, node.available(NodeFixture.CLIENT));
        assertEquals(0, node.node.metrics().inferenceFailures("mdl_nosuchmodel"),
                "a client's unknown model id does not become a metrics label");
        assertTrue(node.node.metrics().inferenceFailures("(unknown)") >= 1);

        node.node.billing().setPlan("client-poor", new Plan.PayPerCall());
        assertCode(Status.Code.FAILED_PRECONDITION, () -> node.inference("client-poor").infer(
                infer(NodeFixture.digit(0), false).build()));
        assertCode(Status.Code.FAILED_PRECONDITION, () -> node.inference("client-poor").infer(
                infer(NodeFixture.digit(0), true).build()));
        assertEquals(0, node.available("client-poor").minor());

        StatusRuntimeException malformed = assertThrows(StatusRuntimeException.class, () -> node.deploy(
                NodeFixture.DEVELOPER, NodeFixture.mlpHeader("not-a-model"), "this is not ONNX".getBytes()));
        assertEquals(Status.Code.INVALID_ARGUMENT, malformed.getStatus().getCode(), malformed.getMessage());
        StatusRuntimeException taken = assertThrows(StatusRuntimeException.class, () -> node.deploy(
                NodeFixture.DEVELOPER, NodeFixture.mlpHeader("mnist-mlp"), NodeFixture.mnistMlp()));
        assertEquals(Status.Code.ALREADY_EXISTS, taken.getStatus().getCode(), taken.getMessage());
    }

    @Test
    void aCallThatNamesAQuotePaysItsPriceAndAQuoteThatDoesNotCoverItIsRefused() {
        QuoteResponse quote = node.billing(NodeFixture.CLIENT).quote(QuoteRequest.newBuilder()
                .setModel(ModelRef.newBuilder().setModelId(modelId)).setCalls(1).build());
        assertFalse(quote.getQuoteId().isEmpty());
        Money before = node.available(NodeFixture.CLIENT);
        assertCode(Status.Code.FAILED_PRECONDITION, () -> node.inference(NodeFixture.CLIENT).infer(
                infer(NodeFixture.digit(2), true).setQuoteId(quote.getQuoteId()).build()));
        assertCode(Status.Code.FAILED_PRECONDITION, () -> node.inference(NodeFixture.CLIENT).infer(
                infer(NodeFixture.digit(2), false).setQuoteId("no-such-quote").build()));
        assertCode(Status.Code.INVALID_ARGUMENT, () -> node.inference(NodeFixture.CLIENT).infer(
                infer(NodeFixture.digit(2), false).setQuoteId("not a quote id").build()));
        assertEquals(before, node.available(NodeFixture.CLIENT), "refused calls charge nothing");
        InferResponse paid = node.inference(NodeFixture.CLIENT).infer(infer(NodeFixture.digit(2), false)
                .setQuoteId(quote.getQuoteId()).build());
        assertEquals(quote.getModel(), paid.getModel());
        assertCode(Status.Code.FAILED_PRECONDITION, () -> node.inference(NodeFixture.CLIENT).infer(
                infer(NodeFixture.digit(3), false).setQuoteId(quote.getQuoteId()).build()));
    }

    @Test
    void aBatchAnswersEachItemAndABadItemSpoilsOnlyItself() {
        InferBatchResponse batch = node.inference(NodeFixture.CLIENT).inferBatch(InferBatchRequest.newBuilder()
                .addRequests(infer(NodeFixture.digit(1), false).setRequestId("a"))
                .addRequests(infer(NodeFixture.digit(0).toBuilder().setName("nope").build(), false)
                        .setRequestId("b"))
                .addRequests(infer(NodeFixture.digit(2), false).setRequestId("c"))
                .build());
        assertEquals(3, batch.getResponsesCount());
        assertEquals("a", batch.getResponses(0).getRequestId());
        assertEquals(10, batch.getResponses(0).getOutputs(0).getFloatValuesCount());
        assertEquals(Status.Code.INVALID_ARGUMENT.value(), batch.getResponses(1).getError().getCode());
        assertEquals(0, batch.getResponses(1).getOutputsCount());
        assertEquals(10, batch.getResponses(2).getOutputs(0).getFloatValuesCount());
        assertNotEquals(batch.getResponses(0).getOutputs(0), batch.getResponses(2).getOutputs(0));
    }

    @Test
    void aVersionMayServeUnprovenCallsInOnnxRuntimeWhileProvenOnesStayInteger() throws Exception {
        DeployResponse d = node.deploy(NodeFixture.DEVELOPER, NodeFixture.mlpHeader("mnist-float").toBuilder()
                .setServing(ServingSettings.newBuilder().setOnnxRuntimeFloatForUnproven(true)).build(),
                NodeFixture.mnistMlp());
        String floatModel = d.getModel().getModelId();
        node.awaitBuilt(NodeFixture.DEVELOPER, floatModel, 1);
        InferRequest.Builder request = InferRequest.newBuilder().setModel(ModelRef.newBuilder()
                .setModelId(floatModel)).addInputs(NodeFixture.digit(2));
        InferResponse fast = node.inference(NodeFixture.CLIENT).infer(request.build());
        InferResponse proven = node.inference(NodeFixture.CLIENT).infer(request.setProve(true).setAwaitProof(true)
                .build());
        InferResponse integer = node.inference(NodeFixture.CLIENT).infer(infer(NodeFixture.digit(2), false).build());
        assertEquals(ExecutionPath.EXECUTION_PATH_ONNX_RUNTIME_FLOAT, fast.getExecutionPath());
        assertEquals(ExecutionPath.EXECUTION_PATH_INTEGER, proven.getExecutionPath());
        assertEquals(ExecutionPath.EXECUTION_PATH_INTEGER, integer.getExecutionPath());
        assertEquals(integer.getOutputs(0), proven.getOutputs(0), "the proven answer is the integer one");
        assertNotEquals(integer.getOutputs(0), fast.getOutputs(0), "the float answer is not quantized");
        for (int i = 0; i < 10; i++) {
            assertEquals(integer.getOutputs(0).getFloatValues(i), fast.getOutputs(0).getFloatValues(i), 2.5,
                    "logit " + i + " within the quantization error");
        }
    }

    private static InferRequest.Builder infer(Tensor input, boolean prove) {
        return InferRequest.newBuilder().setModel(ModelRef.newBuilder().setModelId(modelId)).addInputs(input)
                .setProve(prove);
    }

    private static VerifyRequest verify(InferResponse r, PublicSignals signals) {
        return VerifyRequest.newBuilder().setModel(r.getModel()).setProof(r.getProof()).setPublicSignals(signals)
                .build();
    }

    private static void assertCode(Status.Code code, Runnable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
        assertEquals(code, e.getStatus().getCode(), e.getMessage());
        assertFalse(String.valueOf(e.getStatus().getDescription()).isBlank(), "a refusal says why");
    }
}
