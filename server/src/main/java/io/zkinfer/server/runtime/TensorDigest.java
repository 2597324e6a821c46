package io.zkinfer.server.runtime;

import io.zkinfer.inference.ir.Tensor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * zkinfer's canonical tensor encoding and its SHA-256, which {@code Digests.input_sha256} and {@code output_sha256}
 * carry and receipts sign. For each tensor in the model's order: the name's UTF-8 length (u32) and bytes, a type
 * byte (1 = float32, 5 = int64, as the API's DType numbers), the rank (u32), each dimension (i64), then each value
 * (float32 as its IEEE-754 bits in a u32, int64 as i64); every integer big-endian. A client recomputes it from the
 * tensors it sent or received.
 */
public final class TensorDigest {

    private static final byte FLOAT32 = 1;
    private static final byte INT64 = 5;

    private TensorDigest() {
    }

    /** Lowercase hex SHA-256 of {@code tensors} (keyed by name) taken in the order of {@code names}. */
    public static String sha256(List<String> names, Map<String, Tensor> tensors) {
        MessageDigest md = sha256();
        for (String name : names) {
            Tensor t = tensors.get(name);
            if (t == null) {
                throw new IllegalArgumentException("no tensor '" + name + "' to digest");
            }
            byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
            boolean floating = t.type().isFloating();
            ByteBuffer head = ByteBuffer.allocate(4 + utf8.length + 1 + 4 + 8 * t.rank());
            head.putInt(utf8.length).put(utf8).put(floating ? FLOAT32 : INT64).putInt(t.rank());
            for (long d : t.shape()) {
                head.putLong(d);
            }
            md.update(head.array());
            ByteBuffer values = ByteBuffer.allocate(t.size() * (floating ? 4 : 8));
            if (floating) {
                for (float v : t.floats()) {
                    values.putInt(Float.floatToIntBits(v));
                }
            } else {
                for (long v : t.longs()) {
                    values.putLong(v);
                }
            }
            md.update(values.array());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
