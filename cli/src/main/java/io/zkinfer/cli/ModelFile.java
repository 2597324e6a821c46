package io.zkinfer.cli;

import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.onnx.OnnxImportException;
import io.zkinfer.inference.onnx.OnnxImporter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A model named on the command line: its bytes and the graph imported from them. Only ONNX models are read;
 * a directory (a TensorFlow SavedModel) or a zip archive (a TorchScript file) is refused with a message that says
 * what it looks like.
 */
record ModelFile(Path path, byte[] bytes, Graph graph) {

  /** Reads and imports the ONNX model at {@code path}; throws {@link UnusableInputException} naming the problem. */
  static ModelFile readOnnx(Path path, String command) throws IOException {
    if (Files.isDirectory(path)) {
      String kind = Files.exists(path.resolve("saved_model.pb")) || Files.exists(path.resolve("saved_model.pbtxt"))
          ? "a TensorFlow SavedModel directory" : "a directory";
      throw new UnusableInputException(path + " is " + kind + "; zkinfer " + command
          + " reads ONNX models only (export it to ONNX, e.g. with tf2onnx)");
    }
    if (!Files.exists(path)) {
      throw new NoSuchFileException(path.toString());
    }
    if (looksLikeZip(path)) {
      throw new UnusableInputException(path + " is a zip archive (a TorchScript .pt file?); zkinfer " + command
          + " reads ONNX models only (export it to ONNX, e.g. with torch.onnx.export)");
    }
    byte[] bytes = Files.readAllBytes(path);
    try {
      return new ModelFile(path, bytes, new OnnxImporter().importModel(bytes));
    } catch (OnnxImportException e) {
      throw new UnusableInputException(path + ": " + e.getMessage(), e);
    }
  }

  private static boolean looksLikeZip(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      byte[] head = in.readNBytes(4);
      return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }
  }
}
