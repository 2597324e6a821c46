package io.zkinfer.server.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.zkinfer.api.v1.GetProofJobRequest;
import io.zkinfer.api.v1.InferRequest;
import io.zkinfer.api.v1.InferResponse;
import io.zkinfer.api.v1.ModelRef;
import io.zkinfer.api.v1.ProofJob;
import io.zkinfer.api.v1.ProofJobState;
import io.zkinfer.api.v1.SubmitProofRequest;
import io.zkinfer.api.v1.WaitProofJobRequest;
import io.zkinfer.server.billing.Money;
import io.zkinfer.server.billing.Plan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proof jobs through SubmitProof, GetProofJob and WaitProofJob, and bidirectional InferStream: answers carry the
 * client's request ids, a bad request spoils only its own answer, and a job is visible to its owner only.
 */
class ProofJobsAndStreamsTest {

    @TempDir
    static Path dir;
    static NodeFixture node;
    static String modelId;

    @BeforeAll
    static void deploy() throws Exception {
        node = new NodeFixture(dir);
        modelId = node.deploy(NodeFixture.DEVELOPER, NodeFixture.mlpHeader("jobs"), NodeFixture.mnistMlp())
                .getModel().getModelId();
        node.awaitBuilt(NodeFixture.DEVELOPER, modelId, 1);
        node.node.billing().setPlan(NodeFixture.CLIENT, new Plan.PayPerCall());
        node.node.billing().deposit("fund-bob", NodeFixture.CLIENT, Money.zkc(1_000_000));
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    @Test
    void aSubmittedJobIsFollowedToItsVerifiedEnd() {
        SubmitProofRequest submit = SubmitProofRequest.newBuilder().setModel(ModelRef.newBuilder()
                .setModelId(modelId)).addInputs(NodeFixture.digit(4)).setIdempotencyKey("job-1").build();
        ProofJob job = node.inference(NodeFixture.CLIENT).submitProof(submit);
        assertEquals(job.getJobId(), node.inference(NodeFixture.CLIENT).submitProof(submit).getJobId(),
                "a retry with the same key is the same job");
        Iterator<ProofJob> updates = node.inference(NodeFixture.CLIENT).waitProofJob(WaitProofJobRequest
                .newBuilder().setJobId(job.getJobId()).build());
        List<ProofJobState> seen = new ArrayList<>();
        ProofJob last = null;
        while (updates.hasNext()) {
            last = updates.next();
            seen.add(last.getState());
        }
        assertEquals(ProofJobState.PROOF_JOB_STATE_SUCCEEDED, last.getState(), seen.toString());
        assertEquals(3, last.getProof().getPiBCount());
        assertEquals(NodeFixture.PRICE_MINOR, last.getCharge().getMinorUnits());
        assertTrue(last.hasFinishedAt());
        ProofJob got = node.inference(NodeFixture.CLIENT).getProofJob(GetProofJobRequest.newBuilder()
                .setJobId(job.getJobId()).build());
        assertEquals(last.getPublicSignals(), got.getPublicSignals());

        assertCode(Status.Code.NOT_FOUND, () -> node.inference("client-eve").getProofJob(GetProofJobRequest
                .newBuilder().setJobId(job.getJobId()).build()));
        assertCode(Status.Code.NOT_FOUND, () -> node.inference(NodeFixture.CLIENT).getProofJob(GetProofJobRequest
                .newBuilder().setJobId("job_nope").build()));
        assertCode(Status.Code.INVALID_ARGUMENT, () -> node.inference(NodeFixture.CLIENT).getProofJob(
                GetProofJobRequest.getDefaultInstance()));
        assertEquals(job.getJobId(), node.inference(NodeFixture.OPERATOR).getProofJob(GetProofJobRequest
                .newBuilder().setJobId(job.getJobId()).build()).getJobId(), "operators see every job");
    }

    @Test
    void aStreamAnswersEveryRequestWithItsId() throws Exception {
        StreamAnswers<InferResponse> stream = new StreamAnswers<>();
        StreamObserver<InferRequest> requests = node.inferenceAsync(NodeFixture.CLIENT).inferStream(stream);
        for (int i = 0; i < 5; i++) {
            InferRequest.Builder r = InferRequest.newBuilder().setModel(ModelRef.newBuilder().setModelId(modelId))
                    .setRequestId("r" + i);
            r.addInputs(i == 2 ? NodeFixture.digit(i).toBuilder().clearShape().build() : NodeFixture.digit(i));
            requests.onNext(r.build());
        }
        requests.onCompleted();
        List<InferResponse> answers = stream.await();
        assertEquals(5, answers.size());
        for (int i = 0; i < 5; i++) {
            InferResponse a = answers.get(i);
            assertEquals("r" + i, a.getRequestId());
            if (i == 2) {
                assertEquals(Status.Code.INVALID_ARGUMENT.value(), a.getError().getCode(), a.toString());
            } else {
                assertEquals(10, a.getOutputs(0).getFloatValuesCount());
            }
        }
    }

    private static void assertCode(Status.Code code, Runnable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
        assertEquals(code, e.getStatus().getCode(), e.getMessage());
    }
}
