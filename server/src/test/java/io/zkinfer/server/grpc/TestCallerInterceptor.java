package io.zkinfer.server.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.zkinfer.server.access.Caller;

/**
 * Stands in for the authentication interceptor in tests: the account named by the {@code x-test-account} header is
 * the caller, an operator when {@code x-test-operator: true}; without the header the call has no caller.
 */
final class TestCallerInterceptor implements ServerInterceptor {

    static final Metadata.Key<String> ACCOUNT = Metadata.Key.of("x-test-account", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> OPERATOR = Metadata.Key.of("x-test-operator", Metadata.ASCII_STRING_MARSHALLER);

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String account = headers.get(ACCOUNT);
        if (account == null) {
            return next.startCall(call, headers);
        }
        Caller caller = new Caller(account, "key-of-" + account, "true".equals(headers.get(OPERATOR)));
        return Contexts.interceptCall(caller.attachTo(Context.current()), call, headers, next);
    }
}
