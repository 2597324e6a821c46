package io.zkinfer.server.observe;

import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one log line per gRPC call, in key=value form:
 * {@code rpc=zkinfer.v1.InferenceService/Infer code=OK duration_ms=0.412 request_id=... account=...}. It names the
 * method, the status code, the time, the request id and the account when authentication named one; never a key,
 * an input, an output or a status message (which may quote a request). The string is built only when the level is
 * enabled.
 */
final class CallLog {

    private static final Logger LOG = LoggerFactory.getLogger(RequestLogInterceptor.class);

    private final boolean atInfo;

    /** Lines at INFO when {@code atInfo}, else at DEBUG. */
    CallLog(boolean atInfo) {
        this.atInfo = atInfo;
    }

    void write(CallRecord record, Status.Code code, long nanos) {
        if (atInfo ? !LOG.isInfoEnabled() : !LOG.isDebugEnabled()) {
            return;
        }
        String line = format(record, code, nanos);
        if (atInfo) {
            LOG.info(line);
        } else {
            LOG.debug(line);
        }
    }

    static String format(CallRecord record, Status.Code code, long nanos) {
        StringBuilder line = new StringBuilder(160).append("rpc=").append(record.fullMethodName)
                .append(" code=").append(code.name()).append(" duration_ms=");
        appendMillis(line, nanos);
        line.append(" request_id=").append(record.requestId);
        String account = record.accountId;
        if (account != null) {
            line.append(" account=").append(account);
        }
        return line.toString();
    }

    /** {@code nanos} as milliseconds with three decimals, without going through floating point or a format string. */
    private static void appendMillis(StringBuilder line, long nanos) {
        long micros = Math.max(0, nanos) / 1_000;
        long fraction = micros % 1_000;
        line.append(micros / 1_000).append('.');
        if (fraction < 100) {
            line.append('0');
        }
        if (fraction < 10) {
            line.append('0');
        }
        line.append(fraction);
    }
}
