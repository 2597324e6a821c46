package org.slf4j;

/** The few SLF4J methods zkinfer calls, for the GPU check built without Maven (no slf4j-api jar there). */
public interface Logger {
    void info(String format, Object... args);

    void debug(String format, Object... args);

    void warn(String format, Object... args);
}
