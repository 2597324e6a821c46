package io.zkinfer.server.grpc;

import io.grpc.Context;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves every call from the network threads onto the node's worker threads with one thread hand-off per call.
 *
 * <p>gRPC's own executor hands a call to a pool thread several times — once for the call's start and first message,
 * again for the callbacks that come after the pool thread went idle (readiness, completion) — and each hand-off
 * wakes a parked thread, which on a small machine costs more than the call's own work. So the server runs its
 * callbacks on the network threads ({@code ServerBuilder.directExecutor()}) and this interceptor, installed
 * outermost, queues them per call and runs the queue on a worker: the start of the call (every other interceptor and
 * the service's handler), its messages, half-close, readiness and cancellation, one at a time and in order, with the
 * call's gRPC {@link Context}. A call's first callbacks arrive together and are run by one worker in one go. Only the
 * completion, reported after the answer was sent, runs on the network thread when nothing of the call is queued or
 * running (otherwise after the rest, on the worker): it runs the close handlers that services set, which must not
 * block (none of the node's services sets one).
 *
 * <p>Where the client sends one message (unary and server-streaming methods), the messages the service's handler will
 * ask for are asked for at once, on the network thread, so that the request is read while the worker wakes rather
 * than after; the handler's own request is then taken from that credit. Nothing of the node's code runs on a network
 * thread: an API key that must be read from the database, a model upload being written, a call waiting on the
 * ledger — all run on workers. A callback that throws ends its call UNKNOWN, as gRPC's executor would; a call that
 * arrives after the workers have stopped ends UNAVAILABLE.
 */
public final class WorkerHandoff implements ServerInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerHandoff.class);
    /** What a unary or server-streaming handler asks for: the one message, and one more to catch a client's excess. */
    private static final int ONE_MESSAGE_CREDIT = 2;

    private final Executor workers;

    /** Runs calls on {@code workers}, which must not run tasks on the submitting thread. */
    public WorkerHandoff(Executor workers) {
        this.workers = Objects.requireNonNull(workers, "workers");
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        int credit = 0;
        if (call.getMethodDescriptor().getType().clientSendsOneMessage()) {
            credit = ONE_MESSAGE_CREDIT;
            call.request(credit);
        }
        CallQueue<Q, R> queue = new CallQueue<>(new CreditedCall<>(call, credit), workers, Context.current());
        queue.onWorker(() -> queue.delegate = next.startCall(queue.call, headers));
        return queue;
    }

    /** A call whose first requests for messages are taken from what was already asked for. */
    private static final class CreditedCall<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {
        private int credit;

        CreditedCall(ServerCall<Q, R> delegate, int credit) {
            super(delegate);
            this.credit = credit;
        }

        @Override
        public void request(int messages) {
            int taken = Math.min(credit, messages);
            credit -= taken;
            if (messages > taken) {
                super.request(messages - taken);
            }
        }
    }

    /**
     * One call's callbacks, run one at a time in the order they came. {@link #draining} is true while a thread runs
     * the queue; whoever sets it runs the queue until it is empty.
     */
    private static final class CallQueue<Q, R> extends ServerCall.Listener<Q> implements Runnable {
        final ServerCall<Q, R> call;
        /** The listener the call's handler returned; set by the first task, read only by later ones. */
        ServerCall.Listener<Q> delegate = new ServerCall.Listener<>() {
        };
        private final Executor workers;
        private final Context context;
        private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean draining = new AtomicBoolean();

        CallQueue(ServerCall<Q, R> call, Executor workers, Context context) {
            this.call = call;
            this.workers = workers;
            this.context = context;
        }

        @Override
        public void onMessage(Q message) {
            onWorker(() -> delegate.onMessage(message));
        }

        @Override
        public void onHalfClose() {
            onWorker(() -> delegate.onHalfClose());
        }

        @Override
        public void onReady() {
            onWorker(() -> delegate.onReady());
        }

        @Override
        public void onCancel() {
            onWorker(() -> delegate.onCancel());
        }

        @Override
        public void onComplete() {
            tasks.add(() -> delegate.onComplete());
            if (draining.compareAndSet(false, true)) {
                run();
            }
        }

        void onWorker(Runnable task) {
            tasks.add(task);
            if (draining.compareAndSet(false, true)) {
                try {
                    workers.execute(this);
                } catch (RejectedExecutionException e) {
                    tasks.clear();
                    close(Status.UNAVAILABLE.withDescription("the node is stopping; retry on another node"));
                }
            }
        }

        @Override
        public void run() {
            Context previous = context.attach();
            try {
                do {
                    for (Runnable task; (task = tasks.poll()) != null; ) {
                        runOne(task);
                    }
                    draining.set(false);
                } while (!tasks.isEmpty() && draining.compareAndSet(false, true));
            } finally {
                context.detach(previous);
            }
        }

        private void runOne(Runnable task) {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.error("{} failed on this node", call.getMethodDescriptor().getFullMethodName(), e);
                close(Status.UNKNOWN.withDescription("the node failed on this call; its log has the cause"));
                if (e instanceof Error error) {
                    throw error;
                }
            }
        }

        private void close(Status status) {
            try {
                call.close(status, new Metadata());
            } catch (IllegalStateException alreadyClosed) {
                // the call had ended already: nothing to tell the client
            }
        }
    }
}
