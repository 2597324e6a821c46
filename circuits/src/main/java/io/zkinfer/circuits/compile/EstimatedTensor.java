package io.zkinfer.circuits.compile;

import io.zkinfer.circuits.gadgets.Interval;
import io.zkinfer.inference.exec.Nd;
import io.zkinfer.inference.ir.Tensor;

/**
 * What {@link CircuitSizeEstimate} knows of a graph value without building it: its shape, and either its value
 * (a constant of the circuit) or the interval the compiler proves its signals to lie in, with whether every
 * element is a single internal wire (a public output of it then costs no constraint).
 *
 * @param shape    the value's shape
 * @param constant the value when it is a constant of the circuit, else null
 * @param range    the interval of a value of signals; null for a constant (see {@link #range()})
 * @param wires    whether every element is one internal wire with coefficient 1
 */
record EstimatedTensor(long[] shape, Nd constant, Interval range, boolean wires) {

    static EstimatedTensor constant(Nd value) {
        return new EstimatedTensor(value.shape(), value, null, false);
    }

    static EstimatedTensor signals(long[] shape, Interval range, boolean wires) {
        return new EstimatedTensor(shape, null, range, wires);
    }

    boolean isConstant() {
        return constant != null;
    }

    /** The interval of the value's signals; for a constant, its values' (as constant signals have). */
    @Override
    public Interval range() {
        return constant == null ? range : IntervalMath.ofValues(constant.longs("constant"));
    }

    /** The signed width of {@link #range()}. */
    int width() {
        return range().signedWidth();
    }

    long size() {
        return Tensor.elementCount(shape);
    }

    int dim(int axis) {
        return (int) shape[axis];
    }
}
