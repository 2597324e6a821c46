package io.zkinfer.server.observe;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A server call that returns the request id in its response headers (or in its trailers when it ends without
 * headers), and that records its duration and status code, and writes its log line, exactly once when it ends:
 * at {@link #close}, or at cancellation or an application exception, whichever comes first.
 */
final class LoggedCall<ReqT, RespT> extends ForwardingServerCall.SimpleForwardingServerCall<ReqT, RespT> {

    private final CallRecord record;
    private final RpcSeries series;
    private final CallLog log;
    private final long startNanos;
    private final AtomicBoolean finished = new AtomicBoolean();
    private boolean headersSent;

    LoggedCall(ServerCall<ReqT, RespT> delegate, CallRecord record, RpcSeries series, CallLog log, long startNanos) {
        super(delegate);
        this.record = record;
        this.series = series;
        this.log = log;
        this.startNanos = startNanos;
    }

    @Override
    public void sendHeaders(Metadata headers) {
        headers.put(RequestIds.HEADER, record.requestId);
        headersSent = true;
        super.sendHeaders(headers);
    }

    @Override
    public void close(Status status, Metadata trailers) {
        if (!headersSent) {
            trailers.put(RequestIds.HEADER, record.requestId);
        }
        finish(status.getCode());
        super.close(status, trailers);
    }

    /** Records the call as ended with {@code code}, unless it was already recorded. */
    void finish(Status.Code code) {
        if (finished.compareAndSet(false, true)) {
            long nanos = System.nanoTime() - startNanos;
            series.record(code, nanos);
            log.write(record, code, nanos);
        }
    }
}
