package io.zkinfer.server.runtime;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A native session (an ONNX Runtime session) shared by concurrent calls: opened on first use, and closed when its
 * owner is closed, but only once no call is using it, since closing it under a running call would free native memory
 * that call still reads. A call that arrives after the close (its caller looked the owner up just before it was
 * unloaded) opens a session for itself and closes it when done. Thread-safe.
 *
 * @param <S> the session type
 */
final class SharedSession<S extends AutoCloseable> implements AutoCloseable {

    private final Supplier<S> opener;
    private final Object lock = new Object();
    private S session;
    private int using;
    private boolean closed;

    SharedSession(Supplier<S> opener) {
        this.opener = opener;
    }

    /** {@code call} applied to the session, opening it first if need be. */
    <T> T use(Function<S, T> call) {
        S s;
        synchronized (lock) {
            if (session == null) {
                session = opener.get();
            }
            s = session;
            using++;
        }
        try {
            return call.apply(s);
        } finally {
            synchronized (lock) {
                using--;
                if (closed && using == 0) {
                    closeSession();
                }
            }
        }
    }

    /** Closes the session now if no call uses it, else when the last one ends. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (using == 0) {
                closeSession();
            }
        }
    }

    /** Whether a session is open now. */
    boolean isOpen() {
        synchronized (lock) {
            return session != null;
        }
    }

    private void closeSession() {
        S s = session;
        session = null;
        if (s != null) {
            try {
                s.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close " + s + ": " + e.getMessage(), e);
            }
        }
    }
}
