package io.zkinfer.algebra.spi;

/** Runs {@link NttContract} against every backend ServiceLoader finds in this module (the Java one). */
class AvailableBackendsNttTest extends NttContract {
}
