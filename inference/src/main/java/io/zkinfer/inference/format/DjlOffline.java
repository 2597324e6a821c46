package io.zkinfer.inference.format;

/**
 * Puts DJL in offline mode before any DJL class is loaded: {@code ai.djl.offline=true} (no model zoo or native
 * download) and {@code OPT_OUT_TRACKING=true} (no usage ping to a cloud metadata address). A value the user has set
 * explicitly is left alone only when it already says the same; any other value is overridden, because nothing may be
 * fetched at run time.
 */
final class DjlOffline {

    private DjlOffline() {
    }

    static synchronized void configure() {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
    }
}
