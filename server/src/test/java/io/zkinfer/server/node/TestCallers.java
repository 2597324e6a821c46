package io.zkinfer.server.node;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.zkinfer.server.access.Caller;

/**
 * Test-only caller identity: the client names its account in a header, and the server runs the call as that account
 * (an operator when the name starts with {@code op-}). It stands in for API keys so these tests exercise the
 * services; the access package's tests cover authentication itself.
 */
final class TestCallers {

    static final Metadata.Key<String> ACCOUNT = Metadata.Key.of("x-test-account", Metadata.ASCII_STRING_MARSHALLER);

    private TestCallers() {
    }

    static ServerInterceptor server() {
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                    ServerCallHandler<Q, R> next) {
                String account = headers.get(ACCOUNT);
                if (account == null) {
                    return next.startCall(call, headers);
                }
                Context ctx = new Caller(account, "test-key-" + account, account.startsWith("op-"))
                        .attachTo(Context.current());
                return Contexts.interceptCall(ctx, call, headers, next);
            }
        };
    }

    static ClientInterceptor as(String account) {
        return new ClientInterceptor() {
            @Override
            public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options,
                    Channel next) {
                return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                    @Override
                    public void start(Listener<R> listener, Metadata headers) {
                        headers.put(ACCOUNT, account);
                        super.start(listener, headers);
                    }
                };
            }
        };
    }
}
