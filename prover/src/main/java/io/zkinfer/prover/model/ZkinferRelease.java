package io.zkinfer.prover.model;

/** The zkinfer version recorded in manifests: the jar's {@code Implementation-Version}, when run from a jar. */
final class ZkinferRelease {

    private ZkinferRelease() {
    }

    static String version() {
        String v = ZkinferRelease.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }
}
