/**
 * The MNIST digits that the bundled models were trained and tested on, in their compact file format
 * ({@link io.zkinfer.inference.mnist.MnistDigits}); the demo and the tests read them.
 */
package io.zkinfer.inference.mnist;
