package io.zkinfer.server.runtime;

import io.zkinfer.api.v1.DType;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.ir.TensorInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tensors between the API's {@code zkinfer.v1.Tensor} and the runtime's {@link Tensor}, checked against what the
 * model declares: every input present once and nothing else, each with the declared rank and static dimensions,
 * a value count equal to the shape's product, a dtype the model can take (float inputs, or integers that fit their
 * dtype, read as numbers), and finite values. Every refusal names the input and the mismatch.
 */
public final class TensorProtos {

    private TensorProtos() {
    }

    /** The request's tensors as FLOAT tensors keyed by input name, in the model's input order. */
    public static Map<String, Tensor> inputs(List<io.zkinfer.api.v1.Tensor> tensors, List<TensorInfo> declared) {
        Map<String, io.zkinfer.api.v1.Tensor> byName = new LinkedHashMap<>();
        for (io.zkinfer.api.v1.Tensor t : tensors) {
            if (byName.put(t.getName(), t) != null) {
                throw new IllegalArgumentException("input '" + t.getName() + "' is given twice");
            }
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (TensorInfo in : declared) {
            io.zkinfer.api.v1.Tensor t = byName.remove(in.name());
            if (t == null) {
                throw new IllegalArgumentException("missing input '" + in.name() + "'; the model takes "
                        + declared.stream().map(TensorInfo::name).toList());
            }
            out.put(in.name(), input(t, in));
        }
        if (!byName.isEmpty()) {
            throw new IllegalArgumentException("unknown input " + byName.keySet() + "; the model takes "
                    + declared.stream().map(TensorInfo::name).toList());
        }
        return out;
    }

    private static Tensor input(io.zkinfer.api.v1.Tensor t, TensorInfo in) {
        long[] shape = t.getShapeList().stream().mapToLong(Long::longValue).toArray();
        List<Long> dims = in.shape().dims().stream().map(d -> d.isStatic() ? d.value() : -1L).toList();
        if (shape.length != dims.size()) {
            throw new IllegalArgumentException("input '" + in.name() + "' has shape " + t.getShapeList()
                    + " but the model takes rank " + dims.size() + " " + describe(dims));
        }
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0 || (dims.get(i) >= 0 && shape[i] != dims.get(i))) {
                throw new IllegalArgumentException("input '" + in.name() + "' has shape " + t.getShapeList()
                        + " but the model takes " + describe(dims));
            }
        }
        long count = Tensor.elementCount(shape);
        float[] values = new float[Math.toIntExact(count)];
        if (t.getDtype() == DType.DTYPE_FLOAT32) {
            requireCount(in, t.getFloatValuesCount(), count, t.getIntValuesCount(), "float_values", "int_values");
            for (int i = 0; i < values.length; i++) {
                float v = t.getFloatValues(i);
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("input '" + in.name() + "' value " + i + " is " + v
                            + "; give finite numbers");
                }
                values[i] = v;
            }
        } else if (t.getDtype() == DType.DTYPE_UNSPECIFIED || t.getDtype() == DType.UNRECOGNIZED) {
            throw new IllegalArgumentException("input '" + in.name() + "' has no dtype; set DTYPE_FLOAT32 (or an"
                    + " integer dtype with int_values)");
        } else {
            requireCount(in, t.getIntValuesCount(), count, t.getFloatValuesCount(), "int_values", "float_values");
            long[] range = range(t.getDtype());
            for (int i = 0; i < values.length; i++) {
                long v = t.getIntValues(i);
                if (v < range[0] || v > range[1]) {
                    throw new IllegalArgumentException("input '" + in.name() + "' value " + i + " is " + v
                            + ", outside " + t.getDtype() + " [" + range[0] + ", " + range[1] + "]");
                }
                values[i] = v;
            }
        }
        return Tensor.ofFloats(shape, values);
    }

    private static void requireCount(TensorInfo in, int given, long count, int other, String field,
            String otherField) {
        if (given != count || other != 0) {
            throw new IllegalArgumentException("input '" + in.name() + "' carries " + given + " " + field
                    + (other != 0 ? " and " + other + " " + otherField : "") + " but its shape holds " + count
                    + " values; put them all in " + field);
        }
    }

    private static long[] range(DType d) {
        return switch (d) {
            case DTYPE_INT8 -> new long[] {Byte.MIN_VALUE, Byte.MAX_VALUE};
            case DTYPE_INT16 -> new long[] {Short.MIN_VALUE, Short.MAX_VALUE};
            case DTYPE_INT32 -> new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
            default -> new long[] {Long.MIN_VALUE, Long.MAX_VALUE};
        };
    }

    private static String describe(List<Long> dims) {
        return dims.stream().map(d -> d < 0 ? "?" : Long.toString(d)).toList().toString();
    }

    /** A runtime tensor as the API's: FLOAT as DTYPE_FLOAT32, integer types as DTYPE_INT64. */
    public static io.zkinfer.api.v1.Tensor toProto(String name, Tensor t) {
        io.zkinfer.api.v1.Tensor.Builder b = io.zkinfer.api.v1.Tensor.newBuilder().setName(name);
        for (long d : t.shape()) {
            b.addShape(d);
        }
        if (t.type().isFloating()) {
            b.setDtype(DType.DTYPE_FLOAT32);
            for (float v : t.floats()) {
                b.addFloatValues(v);
            }
        } else {
            b.setDtype(DType.DTYPE_INT64);
            for (long v : t.longs()) {
                b.addIntValues(v);
            }
        }
        return b.build();
    }
}
