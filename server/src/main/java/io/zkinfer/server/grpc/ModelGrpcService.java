package io.zkinfer.server.grpc;

import com.google.protobuf.Message;
import io.grpc.stub.StreamObserver;
import io.zkinfer.api.v1.DeployHeader;
import io.zkinfer.api.v1.DeployRequest;
import io.zkinfer.api.v1.DeployResponse;
import io.zkinfer.api.v1.GetModelRequest;
import io.zkinfer.api.v1.ListModelsRequest;
import io.zkinfer.api.v1.ListModelsResponse;
import io.zkinfer.api.v1.Model;
import io.zkinfer.api.v1.ModelServiceGrpc;
import io.zkinfer.api.v1.RetireRequest;
import io.zkinfer.api.v1.RollbackRequest;
import io.zkinfer.api.v1.SetAccessRequest;
import io.zkinfer.api.v1.SetPricingRequest;
import io.zkinfer.api.v1.UpgradeHeader;
import io.zkinfer.api.v1.UpgradeRequest;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.server.access.Caller;
import io.zkinfer.server.access.ModelAccess;
import io.zkinfer.server.access.PlanKind;
import io.zkinfer.server.registry.ModelRecord;
import io.zkinfer.server.registry.ModelRegistry;
import io.zkinfer.server.registry.Upload;
import io.zkinfer.server.registry.UploadedModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The gRPC ModelService over the {@link ModelRegistry}: streamed uploads for Deploy and Upgrade (header first, then
 * chunks; the file is validated as an ONNX model, with its calibration, before anything is registered), and the
 * owner's changes to versions, pricing and access.
 */
public final class ModelGrpcService extends ModelServiceGrpc.ModelServiceImplBase {

    private static final int MAX_PAGE = 100;

    private final ModelRegistry registry;
    private final long maxModelBytes;
    private final Function<String, PlanKind> plans;

    /** The service over {@code registry}; {@code plans} gives an account's plan for access rules that name plans. */
    public ModelGrpcService(ModelRegistry registry, long maxModelBytes, Function<String, PlanKind> plans) {
        this.registry = registry;
        this.maxModelBytes = maxModelBytes;
        this.plans = plans;
    }

    @Override
    public StreamObserver<DeployRequest> deploy(StreamObserver<DeployResponse> response) {
        Caller caller = Caller.current();
        return new UploadStream<>(response, r -> r.hasHeader() ? r.getHeader() : null, DeployRequest::getChunk,
                "DeployHeader", (header, file) -> {
                    UploadedModel.calibration(UploadedModel.importOnnx(file.file()), header.getCalibrationList());
                    var d = registry.deploy(caller.accountId(), header, file,
                            requestDigest(header.toBuilder().clearIdempotencyKey().build(), file));
                    return DeployResponse.newBuilder().setModel(RegistryProtos.model(d.model(), List.of()))
                            .setVersion(RegistryProtos.version(d.version())).build();
                }, DeployHeader::getSizeBytes, DeployHeader::getSha256);
    }

    @Override
    public StreamObserver<UpgradeRequest> upgrade(StreamObserver<DeployResponse> response) {
        Caller caller = Caller.current();
        return new UploadStream<>(response, r -> r.hasHeader() ? r.getHeader() : null, UpgradeRequest::getChunk,
                "UpgradeHeader", (header, file) -> {
                    Graph graph = UploadedModel.importOnnx(file.file());
                    UploadedModel.calibration(graph, header.getCalibrationList());
                    var d = registry.upgrade(caller.accountId(), header, file,
                            requestDigest(header.toBuilder().clearIdempotencyKey().build(), file));
                    return DeployResponse.newBuilder().setModel(RegistryProtos.model(registry.model(
                            header.getModelId()), List.of())).setVersion(RegistryProtos.version(d.version())).build();
                }, UpgradeHeader::getSizeBytes, UpgradeHeader::getSha256);
    }

    @Override
    public void getModel(GetModelRequest request, StreamObserver<Model> response) {
        Rpcs.unary(response, () -> {
            String modelId = requireId(request.getModelId());
            if (request.getIncludeVersions()) {
                ModelRegistry.Described d = registry.described(modelId);
                requireVisible(Caller.current(), d.model());
                return RegistryProtos.model(d.model(), d.versions());
            }
            ModelRecord m = registry.model(modelId);
            requireVisible(Caller.current(), m);
            return RegistryProtos.model(m, m.activeVersion() == 0 ? List.of()
                    : List.of(registry.version(modelId, m.activeVersion())));
        });
    }

    @Override
    public void listModels(ListModelsRequest request, StreamObserver<ListModelsResponse> response) {
        Rpcs.unary(response, () -> {
            Caller caller = Caller.current();
            int size = request.getPageSize() == 0 ? 20 : request.getPageSize();
            if (size < 0 || size > MAX_PAGE) {
                throw ServiceException.invalid("page_size is " + request.getPageSize() + "; give 1 to " + MAX_PAGE);
            }
            Cursor cursor = Cursor.parse(request.getPageToken());
            ListModelsResponse.Builder out = ListModelsResponse.newBuilder();
            while (true) {
                List<ModelRecord> batch = registry.list(cursor.createdMs, cursor.modelId, MAX_PAGE + 1);
                for (ModelRecord m : batch) {
                    if (out.getModelsCount() == size) {
                        return out.setNextPageToken(new Cursor(m.createdAt().toEpochMilli(), m.modelId()).token())
                                .build();
                    }
                    if (matches(request, caller, m)) {
                        out.addModels(RegistryProtos.model(m, List.of()));
                    }
                    cursor = new Cursor(m.createdAt().toEpochMilli(), m.modelId() + "\0");
                }
                if (batch.size() <= MAX_PAGE) {
                    return out.build();
                }
            }
        });
    }

    @Override
    public void rollback(RollbackRequest request, StreamObserver<Model> response) {
        Rpcs.unary(response, () -> RegistryProtos.model(registry.rollback(Caller.current().accountId(),
                requireId(request.getModelId()), requireVersion(request.getToVersion())), List.of()));
    }

    @Override
    public void retire(RetireRequest request, StreamObserver<Model> response) {
        Rpcs.unary(response, () -> RegistryProtos.model(registry.retire(Caller.current().accountId(),
                requireId(request.getModelId()), requireVersion(request.getVersion())), List.of()));
    }

    @Override
    public void setPricing(SetPricingRequest request, StreamObserver<Model> response) {
        Rpcs.unary(response, () -> {
            if (!request.hasPricing()) {
                throw ServiceException.invalid("SetPricing carries no pricing");
            }
            return RegistryProtos.model(registry.setPricing(Caller.current().accountId(),
                    requireId(request.getModelId()), request.getPricing()), List.of());
        });
    }

    @Override
    public void setAccess(SetAccessRequest request, StreamObserver<Model> response) {
        Rpcs.unary(response, () -> {
            if (!request.hasAccess()) {
                throw ServiceException.invalid("SetAccess carries no access rules");
            }
            return RegistryProtos.model(registry.setAccess(Caller.current().accountId(),
                    requireId(request.getModelId()), request.getAccess()), List.of());
        });
    }

    private void requireVisible(Caller caller, ModelRecord m) {
        if (!visible(caller, m)) {
            throw ServiceException.denied("model " + m.modelId() + " is not open to account " + caller.accountId());
        }
    }

    /** Whether {@code caller} may see {@code m}: whether its access rules admit the caller. */
    private boolean visible(Caller caller, ModelRecord m) {
        return ModelAccess.fromProto(m.access()).admits(caller, m.owner(), () -> plans.apply(caller.accountId()));
    }

    private boolean matches(ListModelsRequest r, Caller caller, ModelRecord m) {
        return visible(caller, m) && m.name().startsWith(r.getNamePrefix())
                && (!r.getOwnedOnly() || m.owner().equals(caller.accountId()))
                && (r.getIncludeRetired() || !m.retired());
    }

    private static String requireId(String modelId) {
        if (modelId.isEmpty()) {
            throw ServiceException.invalid("model_id is empty; name the model");
        }
        return modelId;
    }

    private static long requireVersion(long version) {
        if (version < 0) {
            throw ServiceException.invalid("version is " + version + "; give 1 or more (0: see the RPC's comment)");
        }
        return version;
    }

    private static String requestDigest(Message headerWithoutKey, Upload.Received file) {
        MessageDigest md = sha256();
        md.update(headerWithoutKey.toByteArray());
        md.update(file.sha256().getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** A ListModels page token: where the next page starts, base64url of {@code createdMs:modelId}. */
    private record Cursor(long createdMs, String modelId) {
        static Cursor parse(String token) {
            if (token.isEmpty()) {
                return new Cursor(Long.MIN_VALUE, "");
            }
            try {
                String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
                int colon = text.indexOf(':');
                return new Cursor(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw ServiceException.invalid("page_token '" + token + "' is not one ListModels gave; start"
                        + " again without it");
            }
        }

        String token() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((createdMs + ":" + modelId)
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The receiving side of Deploy and Upgrade: a header, then chunks; the work runs when the client is done. */
    private final class UploadStream<R, H> implements StreamObserver<R> {
        private final StreamObserver<DeployResponse> response;
        private final Function<R, H> headerOf;
        private final Function<R, com.google.protobuf.ByteString> chunkOf;
        private final String headerName;
        private final UploadWork<H> work;
        private final ToLongFunction<H> declaredSize;
        private final Function<H, String> declaredSha;
        private H header;
        private Upload upload;
        private boolean failed;

        UploadStream(StreamObserver<DeployResponse> response, Function<R, H> headerOf,
                Function<R, com.google.protobuf.ByteString> chunkOf, String headerName, UploadWork<H> work,
                ToLongFunction<H> declaredSize, Function<H, String> declaredSha) {
            this.response = response;
            this.headerOf = headerOf;
            this.chunkOf = chunkOf;
            this.headerName = headerName;
            this.work = work;
            this.declaredSize = declaredSize;
            this.declaredSha = declaredSha;
        }

        @Override
        public void onNext(R message) {
            if (failed) {
                return;
            }
            try {
                H h = headerOf.apply(message);
                if (header == null) {
                    if (h == null) {
                        throw ServiceException.invalid("the stream must start with a " + headerName);
                    }
                    header = h;
                    upload = Upload.start(registry.files(), maxModelBytes);
                } else if (h != null) {
                    throw ServiceException.invalid("a second " + headerName + " arrived; send it only first");
                } else {
                    upload.write(chunkOf.apply(message).toByteArray());
                }
            } catch (IOException | RuntimeException e) {
                fail(e);
            }
        }

        @Override
        public void onError(Throwable t) {
            if (upload != null) {
                upload.discard();
            }
        }

        @Override
        public void onCompleted() {
            if (failed) {
                return;
            }
            if (header == null) {
                fail(ServiceException.invalid("the stream ended before its " + headerName));
                return;
            }
            DeployResponse answer;
            try {
                Upload.Received file = upload.finish(declaredSize.applyAsLong(header), declaredSha.apply(header));
                answer = work.run(header, file);
            } catch (IOException | RuntimeException e) {
                fail(e);
                return;
            }
            response.onNext(answer);
            response.onCompleted();
        }

        private void fail(Throwable e) {
            failed = true;
            if (upload != null) {
                upload.discard();
            }
            Failures.fail(response, e instanceof IOException io
                    ? ServiceException.unavailable("cannot store the upload: " + io.getMessage()) : e);
        }
    }

    @FunctionalInterface
    private interface UploadWork<H> {
        DeployResponse run(H header, Upload.Received file) throws IOException;
    }
}
