package io.zkinfer.inference.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decodes an ONNX {@code TensorProto} into a {@link Tensor}: from {@code raw_data} (little-endian, as the IR
 * specifies) or from the typed fields ({@code float_data}, {@code int32_data}, {@code int64_data},
 * {@code double_data}). The declared element count is checked against the limit before anything is allocated,
 * and against the number of values actually present.
 */
final class TensorDecoder {

    private TensorDecoder() {
    }

    static Tensor decode(TensorProto t, String what, long maxElements) {
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL || t.getExternalDataCount() > 0) {
            throw new OnnxImportException(what + " keeps its data in an external file; only embedded tensors"
                    + " are supported (re-export with the data inside the model)");
        }
        DataType type;
        try {
            type = DataType.fromOnnx(t.getDataType());
        } catch (IllegalArgumentException e) {
            throw new OnnxImportException(what + ": " + e.getMessage());
        }
        long[] shape = new long[t.getDimsCount()];
        long n = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = t.getDims(i);
            if (shape[i] < 0) {
                throw new OnnxImportException(what + " declares a negative dimension " + shape[i]);
            }
            n = shape[i] == 0 ? 0 : (n > maxElements / shape[i] ? maxElements + 1 : n * shape[i]);
            if (n > maxElements) {
                throw new OnnxImportException(what + " declares dimensions " + dims(t) + ", more than the limit"
                        + " of " + maxElements + " elements");
            }
        }
        int count = (int) n;
        if (t.hasRawData()) {
            return fromRaw(t, what, type, shape, count);
        }
        int present = switch (type) {
            case FLOAT -> t.getFloatDataCount();
            case DOUBLE -> t.getDoubleDataCount();
            case INT64 -> t.getInt64DataCount();
            case UINT32 -> t.getUint64DataCount();
            default -> t.getInt32DataCount();
        };
        if (present != count) {
            throw new OnnxImportException(what + " declares " + count + " elements " + dims(t) + " but holds "
                    + present);
        }
        switch (type) {
            case FLOAT -> {
                float[] v = new float[count];
                for (int i = 0; i < count; i++) {
                    v[i] = t.getFloatData(i);
                }
                return Tensor.ofFloats(type, shape, v);
            }
            case DOUBLE -> {
                float[] v = new float[count];
                for (int i = 0; i < count; i++) {
                    v[i] = (float) t.getDoubleData(i);
                }
                return Tensor.ofFloats(type, shape, v);
            }
            default -> {
                long[] v = new long[count];
                for (int i = 0; i < count; i++) {
                    v[i] = switch (type) {
                        case INT64 -> t.getInt64Data(i);
                        case UINT32 -> t.getUint64Data(i);
                        case UINT8 -> t.getInt32Data(i) & 0xFF;
                        case UINT16 -> t.getInt32Data(i) & 0xFFFF;
                        default -> t.getInt32Data(i);
                    };
                }
                return Tensor.ofLongs(type, shape, v);
            }
        }
    }

    private static Tensor fromRaw(TensorProto t, String what, DataType type, long[] shape, int count) {
        int width = switch (type) {
            case FLOAT, INT32, UINT32 -> 4;
            case DOUBLE, INT64 -> 8;
            case INT16, UINT16 -> 2;
            default -> 1;
        };
        ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        if (raw.remaining() != (long) count * width) {
            throw new OnnxImportException(what + " declares " + count + " elements " + dims(t) + " of " + type
                    + " (" + (long) count * width + " bytes) but raw_data holds " + raw.remaining() + " bytes");
        }
        if (type.isFloating()) {
            float[] v = new float[count];
            for (int i = 0; i < count; i++) {
                v[i] = type == DataType.FLOAT ? raw.getFloat() : (float) raw.getDouble();
            }
            return Tensor.ofFloats(type, shape, v);
        }
        long[] v = new long[count];
        for (int i = 0; i < count; i++) {
            v[i] = switch (type) {
                case INT64 -> raw.getLong();
                case INT32 -> raw.getInt();
                case UINT32 -> raw.getInt() & 0xFFFF_FFFFL;
                case INT16 -> raw.getShort();
                case UINT16 -> raw.getShort() & 0xFFFF;
                case INT8 -> raw.get();
                case UINT8 -> raw.get() & 0xFF;
                default -> raw.get() != 0 ? 1 : 0; // BOOL
            };
        }
        return Tensor.ofLongs(type, shape, v);
    }

    private static String dims(TensorProto t) {
        return t.getDimsList().toString();
    }
}
