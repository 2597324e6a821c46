package io.zkinfer.server.diagnose;

import io.zkinfer.api.v1.DType;
import io.zkinfer.api.v1.LatencySummary;
import io.zkinfer.api.v1.TensorSpec;
import io.zkinfer.inference.ir.Dim;
import io.zkinfer.inference.ir.TensorInfo;
import java.time.Duration;

/** The diagnostics' values as the API's messages: durations, latency summaries and tensor specs. */
final class DiagnosticsProtos {

    private DiagnosticsProtos() {
    }

    static com.google.protobuf.Duration duration(Duration d) {
        return com.google.protobuf.Duration.newBuilder().setSeconds(d.getSeconds()).setNanos(d.getNano()).build();
    }

    /** {@code d} as a Java duration; INVALID_ARGUMENT-worthy IllegalArgumentException when its fields disagree. */
    static Duration duration(com.google.protobuf.Duration d) {
        if (d.getNanos() <= -1_000_000_000 || d.getNanos() >= 1_000_000_000
                || (d.getSeconds() > 0 && d.getNanos() < 0) || (d.getSeconds() < 0 && d.getNanos() > 0)) {
            throw new IllegalArgumentException("duration " + d.getSeconds() + " s " + d.getNanos() + " ns is not a"
                    + " valid google.protobuf.Duration (nanos must lie in (-1e9, 1e9) with the sign of seconds)");
        }
        return Duration.ofSeconds(d.getSeconds(), d.getNanos());
    }

    static LatencySummary latency(io.zkinfer.server.observe.LatencySummary s) {
        return LatencySummary.newBuilder().setCount(s.count()).setP50(duration(s.p50())).setP95(duration(s.p95()))
                .setP99(duration(s.p99())).setMax(duration(s.max())).build();
    }

    /** A graph input or output; a dynamic dimension is -1. */
    static TensorSpec tensor(TensorInfo t) {
        TensorSpec.Builder b = TensorSpec.newBuilder().setName(t.name()).setDtype(dtype(t.type()));
        for (Dim d : t.shape().dims()) {
            b.addShape(d.isStatic() ? d.value() : -1);
        }
        return b.build();
    }

    /** The API's element type; UNSPECIFIED for one the API has no name for (unsigned, bool, double). */
    static DType dtype(io.zkinfer.inference.ir.DataType type) {
        return switch (type) {
            case FLOAT -> DType.DTYPE_FLOAT32;
            case INT8 -> DType.DTYPE_INT8;
            case INT16 -> DType.DTYPE_INT16;
            case INT32 -> DType.DTYPE_INT32;
            case INT64 -> DType.DTYPE_INT64;
            default -> DType.DTYPE_UNSPECIFIED;
        };
    }
}
