package io.zkinfer.circuits.compile;

import io.zkinfer.circuits.builder.CircuitBuilder;
import io.zkinfer.circuits.builder.Signal;
import io.zkinfer.circuits.gadgets.Interval;
import io.zkinfer.inference.ir.Tensor;

/**
 * A tensor of a circuit under construction: row-major signals with the value's shape, and an interval that every
 * element is constrained to lie in (by a range check, a clamp, a table or the operator's arithmetic on constrained
 * operands), from which the gadgets that consume it size their checks. Arrays are shared, never written after
 * construction.
 */
record SignalTensor(long[] shape, Signal[] values, Interval range) {

    SignalTensor {
        long n = Tensor.elementCount(shape);
        if (n != values.length) {
            throw new IllegalArgumentException("shape of " + n + " elements holds " + values.length + " signals");
        }
    }

    /** Constant signals holding {@code values}, with their exact range. */
    static SignalTensor constant(CircuitBuilder b, long[] shape, long[] values) {
        Signal[] s = new Signal[values.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = b.constant(values[i]);
        }
        return new SignalTensor(shape, s, IntervalMath.ofValues(values));
    }

    int size() {
        return values.length;
    }

    Signal get(int i) {
        return values[i];
    }

    /** The signed width of the range: every element is a signed integer of this many bits. */
    int width() {
        return range.signedWidth();
    }

    int rank() {
        return shape.length;
    }

    int dim(int axis) {
        return (int) shape[axis];
    }
}
