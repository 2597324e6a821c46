package io.zkinfer.server.observe;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ForwardingServerCallListener;
import io.grpc.ServerCall;
import io.grpc.Status;
import org.slf4j.MDC;

/**
 * Runs each callback of a call with the call's gRPC {@link Context} attached and its request id and method in the
 * SLF4J MDC ({@code request_id}, {@code rpc}), putting back what the thread had before: gRPC runs a call's callbacks
 * on whichever executor thread is free, and the MDC belongs to a thread. Ends the call's record when it is cancelled,
 * or when a callback throws (gRPC then answers UNKNOWN).
 */
final class CallListener<ReqT> extends ForwardingServerCallListener.SimpleForwardingServerCallListener<ReqT> {

    static final String MDC_REQUEST_ID = "request_id";
    static final String MDC_RPC = "rpc";

    private final Context context;
    private final CallRecord record;
    private final LoggedCall<ReqT, ?> call;

    CallListener(ServerCall.Listener<ReqT> delegate, Context context, CallRecord record, LoggedCall<ReqT, ?> call) {
        super(delegate);
        this.context = context;
        this.record = record;
        this.call = call;
    }

    @Override
    public void onMessage(ReqT message) {
        Scope scope = enter();
        try {
            super.onMessage(message);
        } catch (RuntimeException | Error e) {
            call.finish(Status.Code.UNKNOWN);
            throw e;
        } finally {
            scope.exit();
        }
    }

    @Override
    public void onHalfClose() {
        Scope scope = enter();
        try {
            super.onHalfClose();
        } catch (RuntimeException | Error e) {
            call.finish(Status.Code.UNKNOWN);
            throw e;
        } finally {
            scope.exit();
        }
    }

    @Override
    public void onCancel() {
        Scope scope = enter();
        try {
            Deadline deadline = context.getDeadline();
            call.finish(deadline != null && deadline.isExpired() ? Status.Code.DEADLINE_EXCEEDED : Status.Code.CANCELLED);
            super.onCancel();
        } finally {
            scope.exit();
        }
    }

    @Override
    public void onComplete() {
        Scope scope = enter();
        try {
            super.onComplete();
        } finally {
            scope.exit();
        }
    }

    @Override
    public void onReady() {
        Scope scope = enter();
        try {
            super.onReady();
        } catch (RuntimeException | Error e) {
            call.finish(Status.Code.UNKNOWN);
            throw e;
        } finally {
            scope.exit();
        }
    }

    private Scope enter() {
        return new Scope(context, record);
    }

    /** The call's context and MDC entries on this thread for one callback; {@link #exit()} puts back what was there. */
    static final class Scope {
        private final Context context;
        private final Context previousContext;
        private final String previousRequestId;
        private final String previousRpc;

        Scope(Context context, CallRecord record) {
            this.context = context;
            this.previousContext = context.attach();
            this.previousRequestId = MDC.get(MDC_REQUEST_ID);
            this.previousRpc = MDC.get(MDC_RPC);
            MDC.put(MDC_REQUEST_ID, record.requestId);
            MDC.put(MDC_RPC, record.fullMethodName);
        }

        void exit() {
            restore(MDC_REQUEST_ID, previousRequestId);
            restore(MDC_RPC, previousRpc);
            context.detach(previousContext);
        }

        private static void restore(String key, String previous) {
            if (previous == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, previous);
            }
        }
    }
}
