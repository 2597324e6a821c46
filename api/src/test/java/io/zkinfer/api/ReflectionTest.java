package io.zkinfer.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.ProtoFileDescriptorSupplier;
import io.grpc.protobuf.ProtoServiceDescriptorSupplier;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import io.zkinfer.api.v1.BillingServiceGrpc;
import io.zkinfer.api.v1.DiagnosticsServiceGrpc;
import io.zkinfer.api.v1.InferenceServiceGrpc;
import io.zkinfer.api.v1.ModelServiceGrpc;
import io.zkinfer.api.v1.VerificationServiceGrpc;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The generated services carry their proto descriptors ({@link ProtoFileDescriptorSupplier}), so
 * a server that adds the standard reflection service lists and describes them.
 */
class ReflectionTest {

    private static final List<io.grpc.ServiceDescriptor> SERVICES = List.of(ModelServiceGrpc.getServiceDescriptor(),
            InferenceServiceGrpc.getServiceDescriptor(), VerificationServiceGrpc.getServiceDescriptor(),
            BillingServiceGrpc.getServiceDescriptor(), DiagnosticsServiceGrpc.getServiceDescriptor());

    @Test
    void everyServiceSuppliesItsProtoDescriptor() {
        for (io.grpc.ServiceDescriptor service : SERVICES) {
            Object schema = service.getSchemaDescriptor();
            assertInstanceOf(ProtoFileDescriptorSupplier.class, schema, service.getName());
            FileDescriptor file = ((ProtoFileDescriptorSupplier) schema).getFileDescriptor();
            ServiceDescriptor described = ((ProtoServiceDescriptorSupplier) schema).getServiceDescriptor();
            assertEquals(service.getName(), described.getFullName());
            assertTrue(file.getName().startsWith("zkinfer/v1/"), file.getName());
            assertEquals("io.zkinfer.api.v1", file.getOptions().getJavaPackage());
        }
    }

    @Test
    void theReflectionServiceListsTheFiveServices() throws Exception {
        String name = InProcessServerBuilder.generateName();
        InProcessServerBuilder builder = InProcessServerBuilder.forName(name).directExecutor();
        builder.addService(new ModelServiceGrpc.ModelServiceImplBase() { });
        builder.addService(new InferenceServiceGrpc.InferenceServiceImplBase() { });
        builder.addService(new VerificationServiceGrpc.VerificationServiceImplBase() { });
        builder.addService(new BillingServiceGrpc.BillingServiceImplBase() { });
        builder.addService(new DiagnosticsServiceGrpc.DiagnosticsServiceImplBase() { });
        builder.addService(ProtoReflectionServiceV1.newInstance());
        Server server = builder.build().start();
        ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        try {
            Set<String> listed = ask(channel, ServerReflectionRequest.newBuilder().setListServices("").build())
                    .getListServicesResponse().getServiceList().stream().map(ServiceResponse::getName)
                    .collect(Collectors.toSet());
            Set<String> ours = SERVICES.stream().map(io.grpc.ServiceDescriptor::getName).collect(Collectors.toSet());
            assertTrue(listed.containsAll(ours), "reflection lists " + listed);

            ServerReflectionResponse file = ask(channel, ServerReflectionRequest.newBuilder()
                    .setFileContainingSymbol("zkinfer.v1.InferenceService").build());
            assertNotNull(file.getFileDescriptorResponse());
            assertTrue(file.getFileDescriptorResponse().getFileDescriptorProtoCount() > 0, file.toString());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static ServerReflectionResponse ask(ManagedChannel channel, ServerReflectionRequest request)
            throws Exception {
        CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse value) {
                        answer.complete(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        answer.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        answer.completeExceptionally(new IllegalStateException("no reflection response"));
                    }
                });
        requests.onNext(request);
        requests.onCompleted();
        return answer.get(10, TimeUnit.SECONDS);
    }
}
