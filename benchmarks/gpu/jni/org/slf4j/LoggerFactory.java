package org.slf4j;

import java.util.Arrays;

/** Prints info and warn lines to stderr with their arguments; debug is dropped. */
public final class LoggerFactory {
    private LoggerFactory() {
    }

    public static Logger getLogger(Class<?> type) {
        return new Logger() {
            @Override
            public void info(String format, Object... args) {
                System.err.println("[INFO] " + type.getSimpleName() + ": " + format + " " + Arrays.toString(args));
            }

            @Override
            public void debug(String format, Object... args) {
            }

            @Override
            public void warn(String format, Object... args) {
                System.err.println("[WARN] " + type.getSimpleName() + ": " + format + " " + Arrays.toString(args));
            }
        };
    }
}
