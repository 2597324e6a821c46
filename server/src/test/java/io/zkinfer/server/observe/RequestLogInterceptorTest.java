package io.zkinfer.server.observe;

import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.zkinfer.api.v1.GetProofJobRequest;
import io.zkinfer.api.v1.InferRequest;
import io.zkinfer.api.v1.InferenceServiceGrpc;
import io.zkinfer.api.v1.ProofJob;
import io.zkinfer.api.v1.SubmitProofRequest;
import io.zkinfer.api.v1.WaitProofJobRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestLogInterceptorTest {

    private static final String SERVICE = InferenceServiceGrpc.SERVICE_NAME;
    private static final Pattern UUID_V4 =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    private ObservedServer node;
    private final AtomicReference<Metadata> headers = new AtomicReference<>();
    private final AtomicReference<Metadata> trailers = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        node = new ObservedServer();
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private InferenceServiceGrpc.InferenceServiceBlockingStub stub(Metadata sent) {
        return InferenceServiceGrpc.newBlockingStub(node.channel).withInterceptors(
                MetadataUtils.newAttachHeadersInterceptor(sent),
                MetadataUtils.newCaptureMetadataInterceptor(headers, trailers));
    }

    private static Metadata withRequestId(String id) {
        Metadata sent = new Metadata();
        sent.put(RequestIds.HEADER, id);
        return sent;
    }

    @Test
    void aSafeClientRequestIdIsKeptEchoedAndSeenInsideTheCall() {
        try (WorkingMdc mdc = WorkingMdc.install()) {
            MDC.put("rpc", "outer");
            stub(withRequestId("client-7.a_B")).infer(InferRequest.getDefaultInstance());
            ObservedServer.Seen seen = node.service.seen.get();
            assertEquals("client-7.a_B", seen.mdcRequestId());
            assertEquals(SERVICE + "/Infer", seen.mdcRpc());
            // the server ran on this thread (direct executors): the MDC is as it was before the call
            assertNull(MDC.get("request_id"));
            assertEquals("outer", MDC.get("rpc"));
            MDC.remove("rpc");
        }
        assertEquals("client-7.a_B", headers.get().get(RequestIds.HEADER));
        assertEquals("client-7.a_B", node.service.seen.get().requestId());
        assertNull(RequestIds.current());
    }

    @Test
    void aMissingRequestIdIsGenerated() {
        stub(new Metadata()).infer(InferRequest.getDefaultInstance());
        String first = headers.get().get(RequestIds.HEADER);
        assertTrue(UUID_V4.matcher(first).matches(), first);
        assertEquals(first, node.service.seen.get().requestId());
        stub(new Metadata()).infer(InferRequest.getDefaultInstance());
        assertNotEquals(first, headers.get().get(RequestIds.HEADER));
    }

    @Test
    void anUnsafeClientRequestIdIsReplaced() {
        for (String unsafe : new String[] {"", "has space", "new\tline", "quote\"", "x".repeat(65), "ümlaut", "a=b"}) {
            stub(withRequestId(unsafe)).infer(InferRequest.getDefaultInstance());
            String echoed = headers.get().get(RequestIds.HEADER);
            assertTrue(UUID_V4.matcher(echoed).matches(), "'" + unsafe + "' was replaced by " + echoed);
        }
        stub(withRequestId("x".repeat(64))).infer(InferRequest.getDefaultInstance());
        assertEquals("x".repeat(64), headers.get().get(RequestIds.HEADER));
    }

    @Test
    void callsAreCountedByStatusCodeAndAFailedCallReturnsItsIdInTrailers() {
        stub(new Metadata()).infer(InferRequest.getDefaultInstance());
        stub(new Metadata()).infer(InferRequest.getDefaultInstance());
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> stub(withRequestId("bad-1")).getProofJob(GetProofJobRequest.newBuilder().setJobId("?").build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode());
        assertEquals("bad-1", trailers.get().get(RequestIds.HEADER));

        NodeMetrics metrics = node.metrics;
        assertEquals(2, metrics.rpcCount(SERVICE, "Infer", Status.Code.OK));
        assertEquals(0, metrics.rpcErrors(SERVICE, "Infer"));
        assertEquals(1, metrics.rpcCount(SERVICE, "GetProofJob", Status.Code.INVALID_ARGUMENT));
        assertEquals(0, metrics.rpcCount(SERVICE, "GetProofJob", Status.Code.OK));
        assertEquals(1, metrics.rpcErrors(SERVICE, "GetProofJob"));
        assertEquals(2, metrics.latency(SERVICE, "Infer").count());
        assertEquals(1, metrics.latency(SERVICE, "GetProofJob").count());
    }

    @Test
    void aThrowingHandlerIsCountedOnceAsTheUnknownTheClientGets() {
        StatusRuntimeException bug;
        try (WorkingMdc mdc = WorkingMdc.install()) {
            bug = assertThrows(StatusRuntimeException.class,
                    () -> stub(new Metadata()).submitProof(SubmitProofRequest.getDefaultInstance()));
            assertNull(MDC.get("request_id"), "the MDC is cleaned up when the handler throws");
        }
        assertEquals(Status.Code.UNKNOWN, bug.getStatus().getCode());
        assertEquals(1, node.metrics.rpcCount(SERVICE, "SubmitProof", Status.Code.UNKNOWN));
        assertEquals(1, node.metrics.latency(SERVICE, "SubmitProof").count());
    }

    @Test
    void aCancelledCallIsCountedAsCancelled() throws Exception {
        Context.CancellableContext cancellable = Context.current().withCancellation();
        cancellable.run(() -> InferenceServiceGrpc.newStub(node.channel)
                .waitProofJob(WaitProofJobRequest.getDefaultInstance(), new StreamObserver<ProofJob>() {
                    @Override
                    public void onNext(ProofJob job) {
                    }

                    @Override
                    public void onError(Throwable t) {
                    }

                    @Override
                    public void onCompleted() {
                    }
                }));
        assertTrue(node.service.waitStarted.await(5, TimeUnit.SECONDS));
        assertEquals(0, node.metrics.latency(SERVICE, "WaitProofJob").count(), "still open");
        cancellable.cancel(null);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (node.metrics.latency(SERVICE, "WaitProofJob").count() == 0 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertEquals(1, node.metrics.rpcCount(SERVICE, "WaitProofJob", Status.Code.CANCELLED));
        assertEquals(1, node.metrics.latency(SERVICE, "WaitProofJob").count());
    }

    @Test
    void theAuthenticationInterceptorNamesTheAccountForTheLogLine() {
        Metadata sent = withRequestId("r-1");
        sent.put(ObservedServer.ACCOUNT, "acct-42");
        sent.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer sk-secret");
        stub(sent).infer(InferRequest.getDefaultInstance());
        assertEquals("acct-42", node.service.seen.get().accountId());
    }

    @Test
    void theLogLineIsKeyValueWithTheAccountOnlyWhenKnown() {
        CallRecord record = new CallRecord("r-1", SERVICE + "/Infer");
        assertEquals("rpc=zkinfer.v1.InferenceService/Infer code=OK duration_ms=1.234 request_id=r-1",
                CallLog.format(record, Status.Code.OK, 1_234_567));
        record.accountId = "acct-42";
        assertEquals("rpc=zkinfer.v1.InferenceService/Infer code=DEADLINE_EXCEEDED duration_ms=30000.005 "
                + "request_id=r-1 account=acct-42", CallLog.format(record, Status.Code.DEADLINE_EXCEEDED, 30_000_005_000L));
        assertEquals("rpc=zkinfer.v1.InferenceService/Infer code=OK duration_ms=0.050 request_id=r-1 account=acct-42",
                CallLog.format(record, Status.Code.OK, 50_999));
    }

    @Test
    void noteAccountOutsideACallDoesNothing() {
        RequestLogInterceptor.noteAccount("acct-1");
        assertNull(RequestIds.current());
        assertFalse(RequestIds.isSafe(null));
    }
}
