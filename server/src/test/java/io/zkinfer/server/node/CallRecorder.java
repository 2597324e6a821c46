package io.zkinfer.server.node;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Records the status every call ended with, by full method name ({@code zkinfer.v1.BillingService/Quote}). */
final class CallRecorder implements ClientInterceptor {

    private final Map<String, Set<Status.Code>> endings = new ConcurrentHashMap<>();

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                    @Override
                    public void onClose(Status status, Metadata trailers) {
                        endings.computeIfAbsent(method.getFullMethodName(), m -> ConcurrentHashMap.newKeySet())
                                .add(status.getCode());
                        super.onClose(status, trailers);
                    }
                }, headers);
            }
        };
    }

    /** Each method called so far, with the codes its calls ended with. */
    Map<String, Set<Status.Code>> endings() {
        return new TreeMap<>(endings);
    }
}
