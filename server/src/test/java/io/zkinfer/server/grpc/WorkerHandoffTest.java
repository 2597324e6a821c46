package io.zkinfer.server.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server runs gRPC's callbacks on its network threads and {@link WorkerHandoff} moves each call onto a worker:
 * the service's code never runs on a network thread, a call's callbacks run one at a time and in order with the
 * call's context, a unary call gets exactly the messages its handler asks for, a throwing service ends its call
 * UNKNOWN, and a call that comes after the workers stopped ends UNAVAILABLE. Where the transport could matter, a test
 * runs over both the in-process transport and TCP.
 */
class WorkerHandoffTest {

    private static final String SERVICE = "test.Handoff";
    private static final MethodDescriptor.Marshaller<String> TEXT = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
    private static final MethodDescriptor<String, String> WHERE = method("Where", MethodDescriptor.MethodType.UNARY);
    private static final MethodDescriptor<String, String> FAIL = method("Fail", MethodDescriptor.MethodType.UNARY);
    private static final MethodDescriptor<String, String> COLLECT =
            method("Collect", MethodDescriptor.MethodType.CLIENT_STREAMING);

    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-worker");
        t.setDaemon(true);
        return t;
    });
    /** Callbacks of Collect running at this moment, and the most that ever ran at once. */
    private final AtomicInteger inCollect = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final AtomicInteger whereRuns = new AtomicInteger();
    private final CountDownLatch closeHandlerRan = new CountDownLatch(1);
    private Server server;
    private ManagedChannel channel;

    @AfterEach
    void stop() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        workers.shutdownNow();
    }

    @Test
    void aUnaryCallRunsOnAWorkerWithTheCallsContextInProcess() throws IOException {
        startInProcess();
        aUnaryCallRunsOnAWorkerWithTheCallsContext();
    }

    @Test
    void aUnaryCallRunsOnAWorkerWithTheCallsContextOverTcp() throws IOException {
        startOverTcp();
        aUnaryCallRunsOnAWorkerWithTheCallsContext();
    }

    private void aUnaryCallRunsOnAWorkerWithTheCallsContext() throws IOException {
        String answer = ClientCalls.blockingUnaryCall(channel, WHERE,
                CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS), "hello");
        assertEquals("hello on test-worker, deadline set", answer);
        assertTrue(await(closeHandlerRan), "the close handler the service set ran once the answer was sent");
    }

    @Test
    void aStreamsMessagesReachTheServiceOneAtATimeAndInOrderInProcess() throws Exception {
        startInProcess();
        aStreamsMessagesReachTheServiceOneAtATimeAndInOrder();
    }

    @Test
    void aStreamsMessagesReachTheServiceOneAtATimeAndInOrderOverTcp() throws Exception {
        startOverTcp();
        aStreamsMessagesReachTheServiceOneAtATimeAndInOrder();
    }

    private void aStreamsMessagesReachTheServiceOneAtATimeAndInOrder() throws Exception {
        List<String> sent = IntStream.range(0, 200).mapToObj(Integer::toString).toList();
        CollectingObserver answer = new CollectingObserver();
        StreamObserver<String> requests = ClientCalls.asyncClientStreamingCall(
                channel.newCall(COLLECT, CallOptions.DEFAULT), answer);
        sent.forEach(requests::onNext);
        requests.onCompleted();
        assertTrue(await(answer.done), "Collect answered");
        assertEquals(List.of(String.join(",", sent) + " on test-worker"), answer.values);
        assertEquals(1, mostAtOnce.get(), "no two callbacks of the call ran at once");
    }

    @Test
    void aUnaryMethodGetsTheMessagesItsHandlerAsksForInProcess() throws IOException {
        startInProcess();
        assertFalse(sendTwoMessagesToAUnaryMethod().isOk());
    }

    @Test
    void aUnaryMethodGetsTheMessagesItsHandlerAsksForOverTcp() throws IOException {
        startOverTcp();
        assertFalse(sendTwoMessagesToAUnaryMethod().isOk());
    }

    /**
     * Sends two messages to the unary Where: its handler asks for two, so that it sees the second and refuses the
     * call without running the method (the client sees it cancelled); had only the first been asked for, the method
     * would answer it. Returns the call's status.
     */
    private Status sendTwoMessagesToAUnaryMethod() {
        ClientCall<String, String> call = channel.newCall(WHERE, CallOptions.DEFAULT);
        CountDownLatch closed = new CountDownLatch(1);
        Status[] status = new Status[1];
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onClose(Status s, Metadata trailers) {
                status[0] = s;
                closed.countDown();
            }
        }, new Metadata());
        call.request(2);
        call.sendMessage("one");
        call.sendMessage("two");
        call.halfClose();
        assertTrue(await(closed));
        assertEquals(0, whereRuns.get(), "the method did not run");
        assertEquals("next on test-worker, no deadline",
                ClientCalls.blockingUnaryCall(channel, WHERE, CallOptions.DEFAULT, "next"));
        return status[0];
    }

    @Test
    void aServiceThatThrowsEndsItsCallUnknownAndTheNextCallIsServed() throws IOException {
        startOverTcp();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> ClientCalls.blockingUnaryCall(channel, FAIL, CallOptions.DEFAULT, "boom"));
        assertEquals(Status.Code.UNKNOWN, e.getStatus().getCode());
        assertFalse(e.getStatus().getDescription().contains("boom"), "the cause stays in the node's log");
        assertEquals("again on test-worker, no deadline",
                ClientCalls.blockingUnaryCall(channel, WHERE, CallOptions.DEFAULT, "again"));
    }

    @Test
    void aCallAfterTheWorkersStoppedEndsUnavailable() throws IOException {
        startOverTcp();
        workers.shutdown();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> ClientCalls.blockingUnaryCall(channel, WHERE, CallOptions.DEFAULT, "late"));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
        assertNotNull(e.getStatus().getDescription());
        assertTrue(e.getStatus().getDescription().contains("stopping"), e.getStatus().getDescription());
    }

    private void startInProcess() throws IOException {
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name).directExecutor().addService(service())
                .intercept(new WorkerHandoff(workers)).build().start();
        channel = InProcessChannelBuilder.forName(name).build();
    }

    private void startOverTcp() throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).directExecutor()
                .addService(service()).intercept(new WorkerHandoff(workers)).build().start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
    }

    private ServerServiceDefinition service() {
        return ServerServiceDefinition.builder(SERVICE)
                .addMethod(WHERE, ServerCalls.asyncUnaryCall((request, response) -> {
                    whereRuns.incrementAndGet();
                    ((ServerCallStreamObserver<String>) response).setOnCloseHandler(closeHandlerRan::countDown);
                    response.onNext(request + " on " + Thread.currentThread().getName() + ", "
                            + (Context.current().getDeadline() != null ? "deadline set" : "no deadline"));
                    response.onCompleted();
                }))
                .addMethod(FAIL, ServerCalls.asyncUnaryCall((request, response) -> {
                    throw new IllegalStateException(request);
                }))
                .addMethod(COLLECT, ServerCalls.asyncClientStreamingCall(this::collect))
                .build();
    }

    /** Collect's request observer: joins the messages and names the threads they arrived on. */
    private StreamObserver<String> collect(StreamObserver<String> response) {
        return new StreamObserver<>() {
            private final List<String> received = new ArrayList<>();
            private final List<String> threads = new ArrayList<>();

            @Override
            public void onNext(String value) {
                mostAtOnce.accumulateAndGet(inCollect.incrementAndGet(), Math::max);
                received.add(value);
                threads.add(Thread.currentThread().getName());
                LockSupport.parkNanos(200_000);
                inCollect.decrementAndGet();
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
                String where = threads.stream().distinct().collect(Collectors.joining("+"));
                response.onNext(String.join(",", received) + " on " + where);
                response.onCompleted();
            }
        };
    }

    private static MethodDescriptor<String, String> method(String name, MethodDescriptor.MethodType type) {
        return MethodDescriptor.<String, String>newBuilder().setType(type)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, name))
                .setRequestMarshaller(TEXT).setResponseMarshaller(TEXT).build();
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The answers of a call and when it ended. */
    private static final class CollectingObserver implements StreamObserver<String> {
        final List<String> values = new ArrayList<>();
        final CountDownLatch done = new CountDownLatch(1);

        @Override
        public void onNext(String value) {
            values.add(value);
        }

        @Override
        public void onError(Throwable t) {
            values.add("error: " + Status.fromThrowable(t));
            done.countDown();
        }

        @Override
        public void onCompleted() {
            done.countDown();
        }
    }
}
