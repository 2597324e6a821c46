package io.zkinfer.inference.format;

/**
 * Puts DJL in offline mode before any DJL class initialises: {@code ai.djl.offline=true} (no model-zoo or native
 * library download) and {@code OPT_OUT_TRACKING=true} (no usage ping, which otherwise tries a cloud metadata
 * address). Both are always set, whatever they were, because nothing may be fetched at run time.
 */
final class DjlOffline {

    private DjlOffline() {
    }

    static synchronized void configure() {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
    }
}
