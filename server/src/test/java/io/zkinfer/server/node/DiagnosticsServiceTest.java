package io.zkinfer.server.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.zkinfer.api.v1.AccessMode;
import io.zkinfer.api.v1.AccessPolicy;
import io.zkinfer.api.v1.AnalyzeInferencePerformanceRequest;
import io.zkinfer.api.v1.CheckModelHealthRequest;
import io.zkinfer.api.v1.DType;
import io.zkinfer.api.v1.DeployResponse;
import io.zkinfer.api.v1.EstimateResourceRequirementRequest;
import io.zkinfer.api.v1.HealthCheck;
import io.zkinfer.api.v1.HealthState;
import io.zkinfer.api.v1.InferRequest;
import io.zkinfer.api.v1.InputVisibility;
import io.zkinfer.api.v1.LatencySummary;
import io.zkinfer.api.v1.Model;
import io.zkinfer.api.v1.ModelFormat;
import io.zkinfer.api.v1.ModelHealth;
import io.zkinfer.api.v1.ModelRef;
import io.zkinfer.api.v1.ModelVersion;
import io.zkinfer.api.v1.PerformanceReport;
import io.zkinfer.api.v1.ResourceEstimate;
import io.zkinfer.api.v1.Severity;
import io.zkinfer.api.v1.TensorVisibility;
import io.zkinfer.api.v1.ValidateModelFormatRequest;
import io.zkinfer.api.v1.ValidationFinding;
import io.zkinfer.api.v1.ValidationReport;
import io.zkinfer.api.v1.VersionStatus;
import io.zkinfer.server.billing.Money;
import io.zkinfer.server.billing.Plan;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DiagnosticsService on a node with the MNIST perceptron deployed: the health of the ready version and the
 * refusals of unknown, unnamed and hidden models; the performance of calls just made and the refusal of windows out
 * of range; the validation of the perceptron, of garbage, of an ONNX model with an unsupported operator, of a
 * TorchScript archive with an unsafe pickle and of a SavedModel zip with an escaping entry; and estimates that match
 * the compiled circuit.
 */
class DiagnosticsServiceTest {

    @TempDir
    static Path dir;
    static NodeFixture node;
    static String modelId;
    static ModelVersion deployed;

    @BeforeAll
    static void deployMnist() throws Exception {
        node = new NodeFixture(dir);
        DeployResponse d = node.deploy(NodeFixture.DEVELOPER, NodeFixture.mlpHeader("mnist-mlp"),
                NodeFixture.mnistMlp());
        modelId = d.getModel().getModelId();
        Model m = node.awaitBuilt(NodeFixture.DEVELOPER, modelId, 1);
        deployed = m.getVersions(0);
        assertEquals(VersionStatus.VERSION_STATUS_READY, deployed.getStatus(), deployed.getStatusMessage());
        node.node.billing().setPlan(NodeFixture.CLIENT, new Plan.PayPerCall());
        node.node.billing().deposit("fund-bob", NodeFixture.CLIENT, Money.zkc(1_000_000));
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    @Test
    void theReadyVersionIsServingWithEveryCheckPassed() {
        node.inference(NodeFixture.CLIENT).infer(infer(0));
        ModelHealth h = node.diagnostics(NodeFixture.CLIENT).checkModelHealth(health(modelId, 0));
        assertEquals(HealthState.HEALTH_STATE_SERVING, h.getState(), h.toString());
        assertEquals(ref(modelId, 1), h.getModel());
        assertEquals(ref(modelId, 1), h.getServing());
        for (String name : List.of("version status", "model files", "verifying key", "proving key", "model loaded")) {
            HealthCheck c = h.getChecksList().stream().filter(x -> x.getName().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no check '" + name + "' in " + h));
            assertTrue(c.getOk(), c.toString());
        }
        assertEquals(h, node.diagnostics(NodeFixture.CLIENT).checkModelHealth(health(modelId, 1)),
                "version 1 is the active version");
    }

    @Test
    void healthRefusesUnknownUnnamedAndHiddenModels() throws Exception {
        assertCode(Status.Code.NOT_FOUND, () -> node.diagnostics(NodeFixture.CLIENT).checkModelHealth(
                health("mdl_nosuchmodel", 0)));
        assertCode(Status.Code.NOT_FOUND, () -> node.diagnostics(NodeFixture.CLIENT).checkModelHealth(
                health(modelId, 7)));
        assertCode(Status.Code.INVALID_ARGUMENT, () -> node.diagnostics(NodeFixture.CLIENT).checkModelHealth(
                CheckModelHealthRequest.getDefaultInstance()));
        DeployResponse hidden = node.deploy(NodeFixture.DEVELOPER, NodeFixture.mlpHeader("private-mlp").toBuilder()
                .setAccess(AccessPolicy.newBuilder().setMode(AccessMode.ACCESS_MODE_PRIVATE)).build(),
                NodeFixture.mnistMlp());
        String hiddenId = hidden.getModel().getModelId();
        assertCode(Status.Code.PERMISSION_DENIED, () -> node.diagnostics(NodeFixture.CLIENT).checkModelHealth(
                health(hiddenId, 0)));
        assertCode(Status.Code.PERMISSION_DENIED, () -> node.diagnostics(NodeFixture.CLIENT)
                .estimateResourceRequirement(EstimateResourceRequirementRequest.newBuilder()
                        .setModel(ref(hiddenId, 0)).build()));
        ModelHealth own = node.diagnostics(NodeFixture.DEVELOPER).checkModelHealth(health(hiddenId, 0));
        assertEquals(1, own.getModel().getVersion());
        assertTrue(own.getState() == HealthState.HEALTH_STATE_LOADING
                || own.getState() == HealthState.HEALTH_STATE_SERVING, own.toString());
    }

    @Test
    void performanceCountsTheCallsJustMade() {
        int calls = 4;
        for (int i = 0; i < calls; i++) {
            node.inference(NodeFixture.CLIENT).infer(infer(i));
        }
        assertCode(Status.Code.INVALID_ARGUMENT, () -> node.inference(NodeFixture.CLIENT).infer(
                infer(0).toBuilder().setInputs(0, NodeFixture.digit(0).toBuilder().setName("image")).build()));
        PerformanceReport r = node.diagnostics(NodeFixture.OPERATOR).analyzeInferencePerformance(
                AnalyzeInferencePerformanceRequest.newBuilder().setModel(ref(modelId, 0)).build());
        assertEquals(ref(modelId, 0), r.getModel());
        LatencySummary latency = r.getUnprovenLatency();
        assertTrue(latency.getCount() >= calls, r.toString());
        assertTrue(seconds(latency.getP50()) > 0, r.toString());
        assertTrue(seconds(latency.getP50()) <= seconds(latency.getP95()), r.toString());
        assertTrue(seconds(latency.getP95()) <= seconds(latency.getP99()), r.toString());
        assertTrue(seconds(latency.getP99()) <= seconds(latency.getMax()), r.toString());
        assertTrue(r.getErrors() >= 1, r.toString());
        assertTrue(r.getThroughputMillicallsPerSecond() > 0, r.toString());
        double window = seconds(r.getWindow());
        assertTrue(window > 0 && window <= 15 * 60, "the node has run for less than the default window: " + r);
        assertTrue(r.getCacheHitBps() > 0 && r.getCacheHitBps() <= 10_000, r.toString());
        assertEquals(0, r.getProofQueueDepth(), r.toString());
    }

    @Test
    void windowsOutOfRangeAreRefused() {
        for (com.google.protobuf.Duration w : List.of(protoDuration(0, 0), protoDuration(-60, 0),
                protoDuration(24 * 3600, 1), protoDuration(25 * 3600, 0), protoDuration(5, -3))) {
            assertCode(Status.Code.INVALID_ARGUMENT, () -> node.diagnostics(NodeFixture.CLIENT)
                    .analyzeInferencePerformance(AnalyzeInferencePerformanceRequest.newBuilder()
                            .setModel(ref(modelId, 0)).setWindow(w).build()));
        }
        PerformanceReport day = node.diagnostics(NodeFixture.CLIENT).analyzeInferencePerformance(
                AnalyzeInferencePerformanceRequest.newBuilder().setModel(ref(modelId, 0))
                        .setWindow(protoDuration(24 * 3600, 0)).build());
        assertEquals(modelId, day.getModel().getModelId());
        assertCode(Status.Code.NOT_FOUND, () -> node.diagnostics(NodeFixture.CLIENT).analyzeInferencePerformance(
                AnalyzeInferencePerformanceRequest.newBuilder().setModel(ref("mdl_nosuchmodel", 0)).build()));
    }

    @Test
    void thePerceptronIsValidAndProvable() throws IOException {
        ValidationReport r = validate(NodeFixture.mnistMlp());
        assertTrue(r.getValid(), r.toString());
        assertTrue(r.getProvable(), r.toString());
        assertEquals(ModelFormat.MODEL_FORMAT_ONNX, r.getDetectedFormat());
        assertEquals(1, r.getInputsCount());
        assertEquals("input", r.getInputs(0).getName());
        assertEquals(List.of(1L, 784L), r.getInputs(0).getShapeList());
        assertEquals(DType.DTYPE_FLOAT32, r.getInputs(0).getDtype());
        assertEquals(1, r.getOutputsCount());
        assertTrue(r.getOperatorsList().contains("Gemm") || r.getOperatorsList().contains("MatMul"), r.toString());
        assertEquals(r.getOperatorsCount(), r.getOperatorsList().stream().distinct().count(), "each operator once");
        ValidationFinding estimate = finding(r, "circuit-estimate");
        assertEquals(Severity.SEVERITY_INFO, estimate.getSeverity());
        assertTrue(estimate.getMessage().contains(String.format(Locale.ROOT, "%,d",
                deployed.getCircuit().getConstraints())), "the deploy grid gives the deployed circuit: " + estimate);
        assertTrue(r.getFindingsList().stream().noneMatch(f -> f.getSeverity() == Severity.SEVERITY_ERROR));
    }

    @Test
    void garbageIsNotAModel() {
        ValidationReport r = validate("this is not a model at all".getBytes(StandardCharsets.US_ASCII));
        assertFalse(r.getValid());
        assertFalse(r.getProvable());
        assertEquals(ModelFormat.MODEL_FORMAT_UNSPECIFIED, r.getDetectedFormat());
        assertEquals(Severity.SEVERITY_ERROR, finding(r, "not-a-model").getSeverity());
    }

    @Test
    void everyUnsupportedOperatorIsNamed() {
        ValidationReport r = validate(onnx(List.of("Relu", "Erf", "Relu", "NonMaxSuppression")));
        assertFalse(r.getValid(), r.toString());
        assertFalse(r.getProvable(), r.toString());
        assertEquals(ModelFormat.MODEL_FORMAT_ONNX, r.getDetectedFormat());
        assertEquals(List.of("Relu", "Erf", "NonMaxSuppression"), r.getOperatorsList());
        List<ValidationFinding> unsupported = r.getFindingsList().stream()
                .filter(f -> f.getCode().equals("unsupported-operator")).toList();
        assertEquals(List.of("n1", "n3"), unsupported.stream().map(ValidationFinding::getNode).toList());
        assertEquals(Severity.SEVERITY_ERROR, unsupported.get(0).getSeverity());
        assertTrue(unsupported.get(0).getMessage().contains("'Erf'"), unsupported.get(0).getMessage());

        ValidationReport fine = validate(onnx(List.of("Relu", "Relu")));
        assertTrue(fine.getValid(), fine.toString());
        assertEquals(List.of(4L), fine.getInputs(0).getShapeList().subList(1, 2));
    }

    @Test
    void anUnsafePickleAndAnEscapingArchiveAreFindingsNotErrors() throws IOException {
        byte[] pickle = "\u0080\u0002cos\nsystem\nq\u0000X\u0002\u0000\u0000\u0000idq\u0001\u0085q\u0002Rq\u0003."
                .getBytes(StandardCharsets.ISO_8859_1);
        ValidationReport torch = validate(zip("model/data.pkl", pickle, "model/version", "3\n".getBytes()));
        assertFalse(torch.getValid(), torch.toString());
        assertEquals(ModelFormat.MODEL_FORMAT_TORCHSCRIPT, torch.getDetectedFormat());
        assertTrue(finding(torch, "unsafe-pickle").getMessage().contains("os"), torch.toString());

        ValidationReport escaping = validate(zip("saved_model.pb", new byte[] {8, 1}, "../outside.txt",
                "x".getBytes()));
        assertFalse(escaping.getValid(), escaping.toString());
        assertEquals(ModelFormat.MODEL_FORMAT_SAVEDMODEL, escaping.getDetectedFormat());
        assertEquals(Severity.SEVERITY_ERROR, finding(escaping, "unsafe-archive").getSeverity());

        ValidationReport mismatch = node.diagnostics(NodeFixture.CLIENT).validateModelFormat(
                ValidateModelFormatRequest.newBuilder().setFormat(ModelFormat.MODEL_FORMAT_TORCHSCRIPT)
                        .setModel(ByteString.copyFrom(NodeFixture.mnistMlp())).build());
        assertFalse(mismatch.getValid());
        assertEquals(Severity.SEVERITY_ERROR, finding(mismatch, "format-mismatch").getSeverity());
    }

    @Test
    void emptyBytesAreRefused() {
        assertCode(Status.Code.INVALID_ARGUMENT, () -> node.diagnostics(NodeFixture.CLIENT).validateModelFormat(
                ValidateModelFormatRequest.getDefaultInstance()));
    }

    @Test
    void theEstimateOfTheDeployedVersionIsItsCompiledCircuit() throws IOException {
        ResourceEstimate e = node.diagnostics(NodeFixture.CLIENT).estimateResourceRequirement(
                EstimateResourceRequirementRequest.newBuilder().setModel(ref(modelId, 0)).build());
        assertEquals(deployed.getCircuit().getConstraints(), e.getConstraints(), e.toString());
        assertEquals(deployed.getCircuit().getWires(), e.getWires(), e.toString());
        assertTrue(e.getParameters() > 100_000, "the perceptron has 101,770 parameters: " + e);
        assertTrue(e.getMacs() > 100_000, e.toString());
        assertTrue(e.getProvingKeyBytes() > 0 && e.getProvingMemoryBytes() >= e.getProvingKeyBytes(), e.toString());
        double proving = seconds(e.getProvingTime());
        assertTrue(proving > 0.15 && proving < 0.25, "the reference proves this circuit in about 0.2 s: " + e);
        assertTrue(seconds(e.getSetupTime()) > 0, e.toString());
        assertTrue(e.getFitsThisNode(), e.toString());
        assertTrue(e.getNote().contains("compiled circuit"), e.getNote());

        ResourceEstimate file = node.diagnostics(NodeFixture.CLIENT).estimateResourceRequirement(
                EstimateResourceRequirementRequest.newBuilder().setModelFile(ByteString.copyFrom(
                        NodeFixture.mnistMlp())).build());
        assertEquals(e.getConstraints(), file.getConstraints(), "the same model on the same grid");
        assertEquals(0, file.getWires(), "only compiling counts wires");

        ResourceEstimate hashed = node.diagnostics(NodeFixture.CLIENT).estimateResourceRequirement(
                EstimateResourceRequirementRequest.newBuilder().setModel(ref(modelId, 1))
                        .setVisibility(TensorVisibility.newBuilder().setInput(InputVisibility.INPUT_VISIBILITY_HASHED))
                        .build());
        assertTrue(hashed.getConstraints() > e.getConstraints(), "hashing the input costs Poseidon: " + hashed);
    }

    @Test
    void estimatesRefuseBadRequests() {
        assertCode(Status.Code.INVALID_ARGUMENT, () -> node.diagnostics(NodeFixture.CLIENT)
                .estimateResourceRequirement(EstimateResourceRequirementRequest.getDefaultInstance()));
        assertCode(Status.Code.INVALID_ARGUMENT, () -> node.diagnostics(NodeFixture.CLIENT)
                .estimateResourceRequirement(EstimateResourceRequirementRequest.newBuilder()
                        .setModel(ref(modelId, 0)).setQuantizationBits(12).build()));
        assertCode(Status.Code.INVALID_ARGUMENT, () -> node.diagnostics(NodeFixture.CLIENT)
                .estimateResourceRequirement(EstimateResourceRequirementRequest.newBuilder()
                        .setModelFile(ByteString.copyFromUtf8("not onnx")).build()));
        assertCode(Status.Code.NOT_FOUND, () -> node.diagnostics(NodeFixture.CLIENT)
                .estimateResourceRequirement(EstimateResourceRequirementRequest.newBuilder()
                        .setModel(ref("mdl_nosuchmodel", 0)).build()));
    }

    private static ValidationReport validate(byte[] bytes) {
        return node.diagnostics(NodeFixture.CLIENT).validateModelFormat(ValidateModelFormatRequest.newBuilder()
                .setModel(ByteString.copyFrom(bytes)).build());
    }

    private static ValidationFinding finding(ValidationReport r, String code) {
        return r.getFindingsList().stream().filter(f -> f.getCode().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError("no finding '" + code + "' in " + r));
    }

    /** A chain of unary nodes {@code n0, n1, ...} over a float [1, 4] input, one per operator given. */
    private static byte[] onnx(List<String> operators) {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().setName("chain")
                .addInput(value("x")).addOutput(value("v" + operators.size()));
        for (int i = 0; i < operators.size(); i++) {
            g.addNode(OnnxMl.NodeProto.newBuilder().setOpType(operators.get(i)).setName("n" + i)
                    .addInput(i == 0 ? "x" : "v" + i).addOutput("v" + (i + 1)));
        }
        return OnnxMl.ModelProto.newBuilder().setIrVersion(8).setProducerName("diagnostics-test")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
                .setGraph(g).build().toByteArray();
    }

    private static OnnxMl.ValueInfoProto value(String name) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder()
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(1))
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(4));
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder()
                .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder().setElemType(1).setShape(shape))).build();
    }

    /** A zip of {@code name, content, name, content, ...}. */
    private static byte[] zip(Object... entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < entries.length; i += 2) {
                zip.putNextEntry(new ZipEntry((String) entries[i]));
                zip.write((byte[]) entries[i + 1]);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static InferRequest infer(int shift) {
        return InferRequest.newBuilder().setModel(ref(modelId, 0)).addInputs(NodeFixture.digit(shift)).build();
    }

    private static CheckModelHealthRequest health(String id, long version) {
        return CheckModelHealthRequest.newBuilder().setModel(ref(id, version)).build();
    }

    private static ModelRef ref(String id, long version) {
        return ModelRef.newBuilder().setModelId(id).setVersion(version).build();
    }

    private static com.google.protobuf.Duration protoDuration(long seconds, int nanos) {
        return com.google.protobuf.Duration.newBuilder().setSeconds(seconds).setNanos(nanos).build();
    }

    private static double seconds(com.google.protobuf.Duration d) {
        return d.getSeconds() + d.getNanos() / 1e9;
    }

    private static void assertCode(Status.Code code, Runnable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
        assertEquals(code, e.getStatus().getCode(), e.getMessage());
        assertFalse(String.valueOf(e.getStatus().getDescription()).isBlank(), "a refusal says why");
    }
}
