package io.zkinfer.inference.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The model formats zkinfer recognises, told apart by content, never by file name: an ONNX file (a protobuf {@code
 * ModelProto}, which starts with its {@code ir_version} field), a TorchScript archive (a zip), a TensorFlow SavedModel
 * (a directory holding {@code saved_model.pb}, or that file itself), or {@link #UNKNOWN}.
 */
public enum ModelFormat {
    ONNX("ONNX model"),
    TORCHSCRIPT("TorchScript archive"),
    SAVED_MODEL("TensorFlow SavedModel"),
    UNKNOWN("unrecognised file");

    private static final int HEAD = 16;

    private final String title;

    ModelFormat(String title) {
        this.title = title;
    }

    /** What people call it. */
    public String title() {
        return title;
    }

    /** The format of {@code path} from its first bytes (or, for a directory, whether it holds saved_model.pb). */
    public static ModelFormat detect(Path path) {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            return Files.exists(path.resolve("saved_model.pb")) || Files.exists(path.resolve("saved_model.pbtxt"))
                    ? SAVED_MODEL : UNKNOWN;
        }
        return detect(head(path));
    }

    /** The format of a file that starts with {@code head} (at least its first 16 bytes when it has them). */
    public static ModelFormat detect(byte[] head) {
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 && head[3] == 4
                || head[2] == 5 && head[3] == 6)) {
            return TORCHSCRIPT;
        }
        if (head.length >= 2 && head[0] == 0x08) { // field 1, varint: ONNX ir_version or SavedModel schema version
            int pos = 1;
            long value = 0;
            for (int shift = 0; pos < head.length && shift < 63; shift += 7) {
                int x = head[pos++] & 0xff;
                value |= (long) (x & 0x7f) << shift;
                if ((x & 0x80) == 0) {
                    break;
                }
            }
            if (pos >= head.length) {
                return value >= 3 && value <= 64 ? ONNX : UNKNOWN;
            }
            int tag = head[pos] & 0xff;
            if (value == 1 && startsMetaGraph(head, pos)) {
                return SAVED_MODEL;
            }
            boolean modelProtoField = tag == 0x12 || tag == 0x1a || tag == 0x22 || tag == 0x28 || tag == 0x32
                    || tag == 0x3a || tag == 0x42 || tag == 0x72 || tag == 0xa2 || tag == 0xca;
            return value >= 3 && value <= 64 && modelProtoField ? ONNX : UNKNOWN;
        }
        return startsMetaGraph(head, 0) ? SAVED_MODEL : UNKNOWN;
    }

    /** What the first bytes of an {@link #UNKNOWN} file look like, to say so in an error. */
    public static String guess(byte[] head) {
        if (head.length >= 2 && (head[0] & 0xff) == 0x80 && head[1] >= 2 && head[1] <= 5) {
            return "a raw Python pickle (e.g. an old torch.save checkpoint); unpickling it would run code, so it is "
                    + "not supported: export the model to ONNX or save it with torch.jit.save";
        }
        if (head.length >= 4 && (head[0] & 0xff) == 0x89 && head[1] == 'H' && head[2] == 'D' && head[3] == 'F') {
            return "an HDF5 file (e.g. Keras .h5); convert the model to ONNX (tf2onnx)";
        }
        if (head.length >= 8 && head[4] == 'T' && head[5] == 'F' && head[6] == 'L') {
            return "a TensorFlow Lite flatbuffer; convert the model to ONNX (tf2onnx --tflite)";
        }
        if (head.length == 0) {
            return "an empty file";
        }
        return "not an ONNX model, a TorchScript archive or a TensorFlow SavedModel directory";
    }

    /** Up to the first 16 bytes of {@code file}. */
    static byte[] head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEAD);
        } catch (IOException e) {
            throw new ModelValidationException("cannot read " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** Field 2 (LEN) whose message starts with field 1 (LEN): SavedModel.meta_graphs[0].meta_info_def. */
    private static boolean startsMetaGraph(byte[] head, int pos) {
        if (pos >= head.length || (head[pos] & 0xff) != 0x12) {
            return false;
        }
        pos++;
        while (pos < head.length && (head[pos] & 0x80) != 0) {
            pos++;
        }
        return pos + 1 < head.length && (head[pos + 1] & 0xff) == 0x0a;
    }
}
