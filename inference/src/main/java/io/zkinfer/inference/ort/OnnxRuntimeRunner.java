package io.zkinfer.inference.ort;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Tensor;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Float inference through ONNX Runtime (the fast path that carries no proof, and the referee for the Java
 * executors). One session per model; inputs and outputs are {@link Tensor}s of FLOAT or INT64, keyed by name.
 * Not thread-safe to close while running; {@link #run} itself may be called from several threads.
 */
public final class OnnxRuntimeRunner implements AutoCloseable {

    private final OrtEnvironment environment;
    private final OrtSession session;

    /** Opens a session for the serialized model {@code model}. */
    public OnnxRuntimeRunner(byte[] model) {
        environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            session = environment.createSession(model, options);
        } catch (OrtException e) {
            throw new IllegalArgumentException("ONNX Runtime cannot load the model: " + e.getMessage(), e);
        }
    }

    /** The graph outputs by name for {@code inputs} (FLOAT or INT64 tensors keyed by graph input name). */
    public Map<String, Tensor> run(Map<String, Tensor> inputs) {
        List<OnnxTensor> created = new ArrayList<>();
        try {
            Map<String, OnnxTensor> feeds = new LinkedHashMap<>();
            for (var e : inputs.entrySet()) {
                OnnxTensor t = toOrt(e.getKey(), e.getValue());
                created.add(t);
                feeds.put(e.getKey(), t);
            }
            Map<String, Tensor> out = new LinkedHashMap<>();
            try (OrtSession.Result result = session.run(feeds)) {
                for (Map.Entry<String, OnnxValue> e : result) {
                    out.put(e.getKey(), fromOrt(e.getKey(), e.getValue()));
                }
            }
            return out;
        } catch (OrtException e) {
            throw new IllegalArgumentException("ONNX Runtime failed: " + e.getMessage(), e);
        } finally {
            created.forEach(OnnxTensor::close);
        }
    }

    private OnnxTensor toOrt(String name, Tensor t) throws OrtException {
        return switch (t.type()) {
            case FLOAT -> OnnxTensor.createTensor(environment, FloatBuffer.wrap(t.floats()), t.shape());
            case INT64 -> OnnxTensor.createTensor(environment, LongBuffer.wrap(t.longs()), t.shape());
            default -> throw new IllegalArgumentException("input '" + name + "' is " + t.type()
                    + "; the ONNX Runtime runner takes FLOAT and INT64 tensors");
        };
    }

    private static Tensor fromOrt(String name, OnnxValue value) {
        if (!(value instanceof OnnxTensor t)) {
            throw new IllegalArgumentException("output '" + name + "' is not a tensor but " + value.getType());
        }
        TensorInfo info = t.getInfo();
        if (info.type == OnnxJavaType.FLOAT) {
            FloatBuffer b = t.getFloatBuffer();
            float[] v = new float[b.remaining()];
            b.get(v);
            return Tensor.ofFloats(info.getShape(), v);
        }
        if (info.type == OnnxJavaType.INT64) {
            LongBuffer b = t.getLongBuffer();
            long[] v = new long[b.remaining()];
            b.get(v);
            return Tensor.ofLongs(DataType.INT64, info.getShape(), v);
        }
        throw new IllegalArgumentException("output '" + name + "' is " + info.type
                + "; the ONNX Runtime runner returns FLOAT and INT64 tensors");
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing the ONNX Runtime session failed: " + e.getMessage(), e);
        }
    }
}
