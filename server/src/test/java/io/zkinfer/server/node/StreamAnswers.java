package io.zkinfer.server.node;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The answers a server stream sends, collected until it completes; its failure as a {@link Status}. */
final class StreamAnswers<T> implements StreamObserver<T> {

    private final List<T> answers = new ArrayList<>();
    private final CompletableFuture<List<T>> done = new CompletableFuture<>();

    @Override
    public synchronized void onNext(T value) {
        answers.add(value);
    }

    @Override
    public void onError(Throwable t) {
        done.completeExceptionally(t);
    }

    @Override
    public synchronized void onCompleted() {
        done.complete(List.copyOf(answers));
    }

    /** Every answer, once the stream completed within a minute; a failed stream throws its status. */
    List<T> await() throws InterruptedException, TimeoutException, Failed {
        try {
            return done.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new Failed(Status.fromThrowable(e.getCause()));
        }
    }

    /** The stream ended with {@link #status}. */
    static final class Failed extends Exception {
        final Status status;

        Failed(Status status) {
            super(status.toString());
            this.status = status;
        }
    }
}
