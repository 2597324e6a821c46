package io.zkinfer.inference.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a minimal TensorFlow SavedModel directory without TensorFlow: {@code saved_model.pb} hand-encoded in
 * protobuf wire format (the fields of {@code saved_model.proto}, {@code meta_graph.proto} and {@code graph.proto}
 * that the validator reads), a {@code variables.index} that ends in the table footer magic, and data shards.
 */
final class SavedModelFixture {

    /** A protobuf message under construction. */
    static final class Message {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Message varint(int field, long value) {
            tag(field, 0);
            raw(value);
            return this;
        }

        Message bytes(int field, byte[] value) {
            tag(field, 2);
            raw(value.length);
            out.writeBytes(value);
            return this;
        }

        Message string(int field, String value) {
            return bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Message message(int field, Message value) {
            return bytes(field, value.bytes());
        }

        private void tag(int field, int wireType) {
            raw(((long) field << 3) | wireType);
        }

        private void raw(long v) {
            while ((v & ~0x7fL) != 0) {
                out.write((int) ((v & 0x7f) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    static Message node(String name, String op) {
        return new Message().string(1, name).string(2, op);
    }

    /** A TensorInfo map entry {name: {name: name:0, dtype: DT_FLOAT, tensor_shape: dims}}. */
    static Message tensor(String name, long... dims) {
        Message shape = new Message();
        for (long d : dims) {
            shape.message(2, new Message().varint(1, d));
        }
        return new Message().string(1, name).message(2, new Message().string(1, name + ":0").varint(2, 1)
                .message(3, shape));
    }

    /** saved_model.pb of a {@code y = x W} graph tagged "serve" with one signature; {@code xDims} shape x. */
    static byte[] savedModelPb(long... xDims) {
        Message graph = new Message().message(1, node("x", "Placeholder")).message(1, node("w", "VarHandleOp"))
                .message(1, node("y", "MatMul")).message(1, node("save/RestoreV2", "RestoreV2"))
                .message(2, new Message().message(1, new Message().message(3, node("f/add", "AddV2"))));
        Message signature = new Message().message(1, tensor("x", xDims)).message(2, tensor("y", -1, 2))
                .string(3, "tensorflow/serving/predict");
        Message meta = new Message().message(1, new Message().string(4, "serve").string(5, "2.15.0"))
                .message(2, graph).message(5, new Message().string(1, "serving_default").message(2, signature));
        return new Message().varint(1, 1).message(2, meta).bytes();
    }

    /** Writes the directory: saved_model.pb, variables/variables.index and {@code shards} data shards. */
    static Path write(Path dir, byte[] savedModelPb, int shards) {
        try {
            Files.createDirectories(dir.resolve("variables"));
            Files.write(dir.resolve("saved_model.pb"), savedModelPb);
            Files.write(dir.resolve("variables/variables.index"), index());
            for (int i = 0; i < shards; i++) {
                Files.write(dir.resolve(String.format("variables/variables.data-%05d-of-%05d", i, shards)),
                        new byte[] {1, 2, 3, 4});
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An index file: a (here empty) table body and a 48-byte footer ending in the magic number. */
    static byte[] index() {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.position(56);
        b.putLong(SavedModelDirectory.TABLE_MAGIC);
        return b.array();
    }
}
