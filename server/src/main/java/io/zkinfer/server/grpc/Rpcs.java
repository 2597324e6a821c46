package io.zkinfer.server.grpc;

import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;

/** How every unary RPC of the node answers: the work's result, or its failure as a status. */
final class Rpcs {

    private Rpcs() {
    }

    /** Runs {@code work} and sends its result, or ends the call with the status {@link Failures} maps it to. */
    static <T> void unary(StreamObserver<T> response, Supplier<T> work) {
        T result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            Failures.fail(response, e);
            return;
        }
        response.onNext(result);
        response.onCompleted();
    }
}
