package io.zkinfer.server.observe;

import io.grpc.Context;
import io.grpc.Metadata;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The request id of each gRPC call: the client's {@code x-request-id} header when it is a safe token (1 to 64 of
 * {@code A-Z a-z 0-9 . _ -}), else a random UUID. {@link RequestLogInterceptor} assigns it, returns it in the
 * {@code x-request-id} response header, logs it, and puts it in the gRPC {@link Context}, where
 * {@link #current()} finds it, so that an error message can name the id the operator finds in the log.
 */
public final class RequestIds {

    /** The request and response header carrying the id. */
    public static final Metadata.Key<String> HEADER = Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);

    /** Longest client-sent id taken as it is. */
    public static final int MAX_LENGTH = 64;

    static final Context.Key<CallRecord> CONTEXT_KEY = Context.key("zkinfer.request");

    private RequestIds() {
    }

    /** The request id of the gRPC call this thread serves now; null outside a call that went through the interceptor. */
    public static String current() {
        CallRecord record = CONTEXT_KEY.get();
        return record == null ? null : record.requestId;
    }

    /** {@code sent} when it is a safe id, else a new random one; {@code sent} may be null. */
    static String acceptOrGenerate(String sent) {
        return isSafe(sent) ? sent : generate();
    }

    /** Whether {@code id} is 1 to {@link #MAX_LENGTH} characters of {@code A-Z a-z 0-9 . _ -}: safe in logs and headers. */
    static boolean isSafe(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * A random (version 4) UUID. Request ids label log lines and are no secret, so they come from
     * {@link ThreadLocalRandom}, which never blocks or contends, rather than from {@code SecureRandom}.
     */
    static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(0xC000_0000_0000_0000L)) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
