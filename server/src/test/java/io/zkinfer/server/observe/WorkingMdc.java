package io.zkinfer.server.observe;

import org.slf4j.MDC;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.spi.MDCAdapter;

import java.lang.reflect.Field;

/**
 * The tests log through slf4j-simple, whose MDC ignores every put; real deployments log through a backend with a
 * working MDC. This swaps in slf4j's own thread-local {@link BasicMDCAdapter} for the tests that check what the MDC
 * holds, and puts the original back afterwards.
 */
final class WorkingMdc implements AutoCloseable {

    private final MDCAdapter previous;

    private WorkingMdc(MDCAdapter previous) {
        this.previous = previous;
    }

    static WorkingMdc install() {
        MDCAdapter previous = MDC.getMDCAdapter();
        set(new BasicMDCAdapter());
        return new WorkingMdc(previous);
    }

    @Override
    public void close() {
        set(previous);
    }

    private static void set(MDCAdapter adapter) {
        try {
            Field field = MDC.class.getDeclaredField("MDC_ADAPTER");
            field.setAccessible(true);
            field.set(null, adapter);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot install a working MDC in this slf4j version: " + e, e);
        }
    }
}
