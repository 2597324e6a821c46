package io.zkinfer.algebra.spi;

/** Runs {@link QapContract} against every backend ServiceLoader finds in this module (the Java one). */
class AvailableBackendsQapTest extends QapContract {
}
