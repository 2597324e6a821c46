package io.zkinfer.server.access;

import io.grpc.Context;
import io.grpc.Status;
import java.util.Objects;

/**
 * Who is calling: the account an authenticated API key belongs to, which key it was (its public id, never the
 * secret), and whether the account is an operator (an operator credits deposits and manages other accounts). The
 * authentication interceptor puts it in the gRPC {@link Context} of each call; services read it with
 * {@link #current()}.
 */
public record Caller(String accountId, String keyId, boolean operator) {

    static final Context.Key<Caller> CONTEXT_KEY = Context.key("zkinfer.caller");

    public Caller {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(keyId, "keyId");
    }

    /** The caller of the current gRPC call; UNAUTHENTICATED when the call carried no valid API key. */
    public static Caller current() {
        Caller caller = CONTEXT_KEY.get();
        if (caller == null) {
            throw Status.UNAUTHENTICATED.withDescription("this call needs an API key (authorization: Bearer KEY)")
                    .asRuntimeException();
        }
        return caller;
    }

    /** {@code context} with this caller attached. */
    public Context attachTo(Context context) {
        return context.withValue(CONTEXT_KEY, this);
    }

    /** PERMISSION_DENIED unless this caller is an operator; {@code what} names the refused act. */
    public void requireOperator(String what) {
        if (!operator) {
            throw Status.PERMISSION_DENIED.withDescription(what + " is for operators; account " + accountId
                    + " is not one").asRuntimeException();
        }
    }
}
