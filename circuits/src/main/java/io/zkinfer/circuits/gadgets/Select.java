package io.zkinfer.circuits.gadgets;

import io.zkinfer.circuits.builder.CircuitBuilder;
import io.zkinfer.circuits.builder.Signal;

/** Selection by a boolean condition. */
public final class Select {

    private Select() {
    }

    /**
     * {@code c ? x : y} as {@code y + c·(x − y)}. Cost: 1 constraint, none when c or {@code x − y} is a constant.
     * The condition must already be constrained to 0 or 1 (every comparison result is); the output is then x or y
     * and nothing else, since the product constraint fixes it.
     */
    public static Signal ifThenElse(CircuitBuilder b, Signal c, Signal x, Signal y) {
        return b.add(y, b.mul(c, b.sub(x, y)));
    }
}
