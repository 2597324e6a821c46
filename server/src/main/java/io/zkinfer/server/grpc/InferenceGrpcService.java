package io.zkinfer.server.grpc;

import com.google.protobuf.Duration;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.zkinfer.api.v1.Digests;
import io.zkinfer.api.v1.ExecutionPath;
import io.zkinfer.api.v1.GetProofJobRequest;
import io.zkinfer.api.v1.InferBatchRequest;
import io.zkinfer.api.v1.InferBatchResponse;
import io.zkinfer.api.v1.InferRequest;
import io.zkinfer.api.v1.InferResponse;
import io.zkinfer.api.v1.InferenceServiceGrpc;
import io.zkinfer.api.v1.ItemError;
import io.zkinfer.api.v1.ModelRef;
import io.zkinfer.api.v1.ProofJob;
import io.zkinfer.api.v1.ProofJobState;
import io.zkinfer.api.v1.SubmitProofRequest;
import io.zkinfer.api.v1.WaitProofJobRequest;
import io.zkinfer.server.access.Caller;
import io.zkinfer.server.observe.InferencePath;
import io.zkinfer.server.runtime.InferenceRuntime;
import io.zkinfer.server.registry.VersionRecord;
import io.zkinfer.server.runtime.ProofJobView;
import io.zkinfer.server.runtime.TensorProtos;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The gRPC InferenceService over the {@link InferenceRuntime}: unary, batched and streamed inference, each proven
 * or not per request, and the proof jobs. A proven call with {@code await_proof} waits for its job within the call's
 * deadline (the job keeps running past it).
 */
public final class InferenceGrpcService extends InferenceServiceGrpc.InferenceServiceImplBase {

    /** How long a proven call with await_proof waits when the client set no deadline. */
    private static final long DEFAULT_AWAIT_MS = 120_000;
    /** The most requests one InferBatch call may carry. */
    public static final int MAX_BATCH = 256;

    private final InferenceRuntime runtime;

    public InferenceGrpcService(InferenceRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public void infer(InferRequest request, StreamObserver<InferResponse> response) {
        Rpcs.unary(response, () -> answer(Caller.current(), request));
    }

    @Override
    public void inferBatch(InferBatchRequest request, StreamObserver<InferBatchResponse> response) {
        Rpcs.unary(response, () -> {
            if (request.getRequestsCount() > MAX_BATCH) {
                throw ServiceException.invalid("the batch holds " + request.getRequestsCount() + " requests; send at"
                        + " most " + MAX_BATCH + " per call");
            }
            Caller caller = Caller.current();
            InferBatchResponse.Builder out = InferBatchResponse.newBuilder();
            request.getRequestsList().forEach(r -> out.addResponses(item(caller, r)));
            return out.build();
        });
    }

    @Override
    public StreamObserver<InferRequest> inferStream(StreamObserver<InferResponse> response) {
        Caller caller = Caller.current();
        return new StreamObserver<>() {
            @Override
            public void onNext(InferRequest request) {
                InferResponse answer = item(caller, request);
                synchronized (response) {
                    response.onNext(answer);
                }
            }

            @Override
            public void onError(Throwable t) {
                // the client went away; answers already sent stand, and nothing is pending
            }

            @Override
            public void onCompleted() {
                synchronized (response) {
                    response.onCompleted();
                }
            }
        };
    }

    @Override
    public void submitProof(SubmitProofRequest request, StreamObserver<ProofJob> response) {
        Rpcs.unary(response, () -> {
            InferRequest asInfer = InferRequest.newBuilder().setModel(request.getModel())
                    .addAllInputs(request.getInputsList()).setProve(true)
                    .setIdempotencyKey(request.getIdempotencyKey()).build();
            InferenceRuntime.Answer a = infer(Caller.current(), asInfer);
            return job(a.job());
        });
    }

    @Override
    public void getProofJob(GetProofJobRequest request, StreamObserver<ProofJob> response) {
        Rpcs.unary(response, () -> job(visibleJob(request.getJobId())));
    }

    @Override
    public void waitProofJob(WaitProofJobRequest request, StreamObserver<ProofJob> response) {
        ProofJobView start;
        try {
            start = visibleJob(request.getJobId());
        } catch (RuntimeException e) {
            Failures.fail(response, e);
            return;
        }
        ServerCallStreamObserver<ProofJob> call = (ServerCallStreamObserver<ProofJob>) response;
        Consumer<ProofJobView> listener = new Consumer<>() {
            @Override
            public void accept(ProofJobView view) {
                synchronized (call) {
                    if (call.isCancelled()) {
                        return;
                    }
                    call.onNext(job(view));
                    if (view.state().isTerminal()) {
                        call.onCompleted();
                    }
                }
            }
        };
        call.setOnCancelHandler(() -> runtime.jobs().unfollow(start.jobId(), listener));
        runtime.jobs().follow(start.jobId(), listener);
    }

    private ProofJobView visibleJob(String jobId) {
        if (jobId.isEmpty()) {
            throw ServiceException.invalid("job_id is empty");
        }
        Caller caller = Caller.current();
        return runtime.jobs().job(jobId, caller.accountId(), caller.operator()).orElseThrow(() ->
                ServiceException.notFound("no proof job '" + jobId + "' of account " + caller.accountId()));
    }

    private InferResponse item(Caller caller, InferRequest request) {
        try {
            return answer(caller, request);
        } catch (RuntimeException e) {
            StatusRuntimeException s = Failures.toStatus(e);
            return InferResponse.newBuilder().setRequestId(request.getRequestId())
                    .setError(ItemError.newBuilder().setCode(s.getStatus().getCode().value())
                            .setMessage(String.valueOf(s.getStatus().getDescription())))
                    .build();
        }
    }

    private InferenceRuntime.Answer infer(Caller caller, InferRequest request) {
        if (!request.hasModel()) {
            throw ServiceException.invalid("the request names no model");
        }
        if (request.getAwaitProof() && !request.getProve()) {
            throw ServiceException.invalid("await_proof applies only with prove");
        }
        return runtime.infer(caller, request.getModel().getModelId(), request.getModel().getVersion(),
                request.getInputsList(), request.getProve(), request.getIdempotencyKey(), request.getQuoteId());
    }

    private InferResponse answer(Caller caller, InferRequest request) {
        InferenceRuntime.Answer a = infer(caller, request);
        ProofJobView job = a.job();
        if (job != null && request.getAwaitProof()) {
            job = await(job);
        }
        InferResponse.Builder b = InferResponse.newBuilder().setRequestId(request.getRequestId())
                .setModel(ModelRef.newBuilder().setModelId(a.version().modelId()).setVersion(a.version().version()))
                .setDigests(Digests.newBuilder().setInputSha256(a.inputSha256()).setOutputSha256(a.outputSha256())
                        .setModelDigest(a.version().modelDigest()).setVerifyingKeySha256(a.version().vkSha256()))
                .setExecutionPath(a.path() == InferencePath.INTEGER ? ExecutionPath.EXECUTION_PATH_INTEGER
                        : ExecutionPath.EXECUTION_PATH_ONNX_RUNTIME_FLOAT)
                .setCharge(BillingProtos.toProto(job == null ? a.charge() : job.charge()))
                .setLatency(Duration.newBuilder().setSeconds(a.latencyNanos() / 1_000_000_000)
                        .setNanos((int) (a.latencyNanos() % 1_000_000_000)));
        a.outputNames().forEach(n -> b.addOutputs(TensorProtos.toProto(n, a.outputs().get(n))));
        if (job != null) {
            b.setProofState(state(job.state())).setProofJobId(job.jobId());
            if (job.proof() != null) {
                b.setProof(ProofProtos.toProto(job.proof())).setPublicSignals(ProofProtos.signals(job.publicSignals()));
            }
            if (job.receipt() != null) {
                b.setReceipt(ReceiptProtos.toProto(job.receipt()));
            }
        }
        return b.build();
    }

    private ProofJobView await(ProofJobView job) {
        Deadline deadline = Context.current().getDeadline();
        long waitMs = deadline == null ? DEFAULT_AWAIT_MS : Math.max(0, deadline.timeRemaining(TimeUnit.MILLISECONDS)
                - 50);
        try {
            return runtime.jobs().await(job.jobId(), java.time.Duration.ofMillis(waitMs));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ServiceException.unavailable("the node is stopping; follow proof job " + job.jobId()
                    + " with GetProofJob");
        }
    }

    private ProofJob job(ProofJobView v) {
        VersionRecord version = runtime.version(v.modelId(), v.version());
        ProofJob.Builder b = ProofJob.newBuilder().setJobId(v.jobId())
                .setModel(ModelRef.newBuilder().setModelId(v.modelId()).setVersion(v.version()))
                .setState(state(v.state())).setStatusMessage(v.message()).setQueuePosition(v.queuePosition())
                .setDigests(Digests.newBuilder().setInputSha256(v.inputSha256()).setOutputSha256(v.outputSha256())
                        .setModelDigest(version.modelDigest()).setVerifyingKeySha256(version.vkSha256()))
                .setCharge(BillingProtos.toProto(v.charge())).setSubmittedAt(BillingProtos.toProto(v.submittedAt()))
                .setProvingTime(Duration.newBuilder().setSeconds(v.provingMillis() / 1000)
                        .setNanos((int) (v.provingMillis() % 1000) * 1_000_000));
        b.addAllOutputs(v.outputs());
        if (v.startedAt() != null) {
            b.setStartedAt(BillingProtos.toProto(v.startedAt()));
        }
        if (v.finishedAt() != null) {
            b.setFinishedAt(BillingProtos.toProto(v.finishedAt()));
        }
        if (v.proof() != null) {
            b.setProof(ProofProtos.toProto(v.proof())).setPublicSignals(ProofProtos.signals(v.publicSignals()));
        }
        if (v.receipt() != null) {
            b.setReceipt(ReceiptProtos.toProto(v.receipt()));
        }
        return b.build();
    }

    private static ProofJobState state(ProofJobView.State s) {
        return switch (s) {
            case QUEUED -> ProofJobState.PROOF_JOB_STATE_QUEUED;
            case RUNNING -> ProofJobState.PROOF_JOB_STATE_RUNNING;
            case SUCCEEDED -> ProofJobState.PROOF_JOB_STATE_SUCCEEDED;
            case FAILED -> ProofJobState.PROOF_JOB_STATE_FAILED;
            case EXPIRED -> ProofJobState.PROOF_JOB_STATE_EXPIRED;
        };
    }
}
