package io.zkinfer.api;

import com.google.protobuf.ByteString;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.zkinfer.api.v1.DeployHeader;
import io.zkinfer.api.v1.DeployRequest;
import io.zkinfer.api.v1.DeployResponse;
import io.zkinfer.api.v1.ModelServiceGrpc;
import io.zkinfer.api.v1.UpgradeHeader;
import io.zkinfer.api.v1.UpgradeRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Deploy and Upgrade as one blocking call: sends the header, then the model file in chunks of {@link #CHUNK_BYTES},
 * and waits for the node's answer (which comes once the upload is validated; the build continues on the node).
 */
public final class ModelUploads {

    /** Chunk size of the upload stream: well under gRPC's default 4 MiB message limit. */
    public static final int CHUNK_BYTES = 1 << 20;

    private ModelUploads() {
    }

    /** Deploys the model read from {@code model} under {@code header}; throws the node's refusal as a status. */
    public static DeployResponse deploy(ModelServiceGrpc.ModelServiceStub models, DeployHeader header,
            InputStream model, Duration timeout) throws IOException {
        return upload(observer -> models.deploy(observer), DeployRequest.newBuilder().setHeader(header).build(),
                chunk -> DeployRequest.newBuilder().setChunk(chunk).build(), model, timeout);
    }

    /** Uploads a new version of a model under {@code header}; throws the node's refusal as a status. */
    public static DeployResponse upgrade(ModelServiceGrpc.ModelServiceStub models, UpgradeHeader header,
            InputStream model, Duration timeout) throws IOException {
        return upload(observer -> models.upgrade(observer), UpgradeRequest.newBuilder().setHeader(header).build(),
                chunk -> UpgradeRequest.newBuilder().setChunk(chunk).build(), model, timeout);
    }

    private static <R> DeployResponse upload(Function<StreamObserver<DeployResponse>, StreamObserver<R>> open,
            R header, Function<ByteString, R> chunk, InputStream model, Duration timeout) throws IOException {
        CompletableFuture<DeployResponse> answer = new CompletableFuture<>();
        StreamObserver<R> stream = open.apply(new StreamObserver<>() {
            @Override
            public void onNext(DeployResponse value) {
                answer.complete(value);
            }

            @Override
            public void onError(Throwable t) {
                answer.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                answer.completeExceptionally(new IllegalStateException("the node closed the upload without an answer"));
            }
        });
        try {
            stream.onNext(header);
            byte[] buffer = new byte[CHUNK_BYTES];
            for (int n = model.readNBytes(buffer, 0, buffer.length); n > 0 && !answer.isDone();
                    n = model.readNBytes(buffer, 0, buffer.length)) {
                stream.onNext(chunk.apply(ByteString.copyFrom(buffer, 0, n)));
            }
            stream.onCompleted();
        } catch (IOException | RuntimeException e) {
            stream.onError(e);
            throw e;
        }
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StatusRuntimeException s) {
                throw s;
            }
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the node did not answer the upload within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the upload's answer", e);
        }
    }
}
