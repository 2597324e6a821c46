package io.zkinfer.inference.ir;

import java.util.Arrays;
import java.util.List;

/** A typed node attribute value, the subset of ONNX {@code AttributeProto} types that operators here use. */
public sealed interface Attribute {

    /** An integer ({@code INT}). */
    record Int(long value) implements Attribute {
    }

    /** A float ({@code FLOAT}). */
    record Float(float value) implements Attribute {
    }

    /** A string ({@code STRING}, decoded as UTF-8). */
    record Str(String value) implements Attribute {
    }

    /** A list of integers ({@code INTS}). */
    record Ints(List<Long> values) implements Attribute {
        public Ints {
            values = List.copyOf(values);
        }

        public long[] toArray() {
            return values.stream().mapToLong(Long::longValue).toArray();
        }

        public static Ints of(long... values) {
            return new Ints(Arrays.stream(values).boxed().toList());
        }
    }

    /** A list of floats ({@code FLOATS}). */
    record Floats(List<java.lang.Float> values) implements Attribute {
        public Floats {
            values = List.copyOf(values);
        }
    }

    /** A constant tensor ({@code TENSOR}). */
    record TensorValue(Tensor value) implements Attribute {
    }
}
