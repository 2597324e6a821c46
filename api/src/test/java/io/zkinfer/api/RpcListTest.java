package io.zkinfer.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.ServiceDescriptor;
import io.zkinfer.api.v1.BillingServiceGrpc;
import io.zkinfer.api.v1.DiagnosticsServiceGrpc;
import io.zkinfer.api.v1.InferenceServiceGrpc;
import io.zkinfer.api.v1.ModelServiceGrpc;
import io.zkinfer.api.v1.VerificationServiceGrpc;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The services and RPCs are exactly those that issue W1.5 names, with the streaming it asks for, and the payouts
 * lifecycle added after it (ListPayouts, ClosePayout).
 */
class RpcListTest {

    /** Service name to its RPC names, in the order of the issue. */
    static final Map<String, List<String>> EXPECTED = expected();

    private static Map<String, List<String>> expected() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("ModelService", List.of("Deploy", "GetModel", "ListModels", "Upgrade", "Rollback", "Retire",
                "SetPricing", "SetAccess"));
        m.put("InferenceService", List.of("Infer", "InferBatch", "InferStream", "SubmitProof", "GetProofJob",
                "WaitProofJob"));
        m.put("VerificationService", List.of("Verify"));
        m.put("BillingService", List.of("Quote", "Deposit", "Subscribe", "Balance", "Usage", "Statement", "Payout",
                "ListPayouts", "ClosePayout"));
        m.put("DiagnosticsService", List.of("CheckModelHealth", "AnalyzeInferencePerformance", "ValidateModelFormat",
                "EstimateResourceRequirement"));
        return m;
    }

    @Test
    void theProtosDeclareExactlyTheIssuesRpcs() {
        Map<String, List<String>> declared = new LinkedHashMap<>();
        for (FileDescriptorProto file : ApiDescriptors.files()) {
            for (ServiceDescriptorProto service : file.getServiceList()) {
                declared.put(service.getName(),
                        service.getMethodList().stream().map(MethodDescriptorProto::getName).toList());
            }
        }
        assertEquals(EXPECTED, declared);
    }

    @Test
    void theGeneratedStubsCarryTheSameRpcs() {
        List<ServiceDescriptor> services = List.of(ModelServiceGrpc.getServiceDescriptor(),
                InferenceServiceGrpc.getServiceDescriptor(), VerificationServiceGrpc.getServiceDescriptor(),
                BillingServiceGrpc.getServiceDescriptor(), DiagnosticsServiceGrpc.getServiceDescriptor());
        Map<String, List<String>> generated = new LinkedHashMap<>();
        for (ServiceDescriptor service : services) {
            generated.put(service.getName().substring("zkinfer.v1.".length()), service.getMethods().stream()
                    .map(m -> m.getBareMethodName()).sorted().toList());
        }
        Map<String, List<String>> expectedSorted = new LinkedHashMap<>();
        EXPECTED.forEach((k, v) -> expectedSorted.put(k, v.stream().sorted().toList()));
        assertEquals(expectedSorted, generated);
    }

    @Test
    void streamingIsWhereTheIssueAsksForIt() {
        Map<String, MethodType> streaming = new TreeMap<>();
        for (ServiceDescriptor service : List.of(ModelServiceGrpc.getServiceDescriptor(),
                InferenceServiceGrpc.getServiceDescriptor(), VerificationServiceGrpc.getServiceDescriptor(),
                BillingServiceGrpc.getServiceDescriptor(), DiagnosticsServiceGrpc.getServiceDescriptor())) {
            service.getMethods().stream().filter(m -> m.getType() != MethodType.UNARY)
                    .forEach(m -> streaming.put(m.getBareMethodName(), m.getType()));
        }
        assertEquals(new TreeMap<>(Map.of(
                "Deploy", MethodType.CLIENT_STREAMING,
                "Upgrade", MethodType.CLIENT_STREAMING,
                "InferStream", MethodType.BIDI_STREAMING,
                "WaitProofJob", MethodType.SERVER_STREAMING)), streaming,
                () -> "non-unary RPCs: " + streaming.entrySet().stream().map(Object::toString)
                        .collect(Collectors.joining(", ")));
    }
}
