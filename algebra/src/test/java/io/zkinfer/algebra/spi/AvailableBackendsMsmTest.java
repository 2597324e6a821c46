package io.zkinfer.algebra.spi;

/** Runs {@link MsmContract} against every backend ServiceLoader finds in this module (the Java one). */
class AvailableBackendsMsmTest extends MsmContract {
}
