package io.zkinfer.cli;

import io.zkinfer.inference.format.ModelFormat;
import io.zkinfer.inference.format.ModelValidationException;
import io.zkinfer.inference.format.SavedModelDirectory;
import io.zkinfer.inference.format.ValidatedModel;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.onnx.OnnxImportException;
import io.zkinfer.inference.onnx.OnnxImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A model named on the command line: its bytes and the graph imported from them. The format is told by content
 * ({@link ModelFormat#detect}); only ONNX models are imported. A TorchScript archive or a TensorFlow SavedModel
 * is recognised: {@link #validateOther} checks it structurally (and scans TorchScript pickles), and the commands
 * that need a graph refuse it saying what it is and how to convert it.
 */
record ModelFile(Path path, byte[] bytes, Graph graph) {

  /** The format of {@code path} by content; ONNX for anything not recognised as another format. */
  static ModelFormat formatOf(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      throw new NoSuchFileException(path.toString());
    }
    ModelFormat f = ModelFormat.detect(path);
    return f == ModelFormat.UNKNOWN && !Files.isDirectory(path) ? ModelFormat.ONNX : f;
  }

  /**
   * A TorchScript archive or SavedModel directory, validated; throws {@link UnusableInputException} naming the
   * fault (for TorchScript, a pickle global outside the allow-list).
   */
  static ValidatedModel validateOther(Path path) {
    try {
      return ValidatedModel.validate(path);
    } catch (ModelValidationException e) {
      throw new UnusableInputException(path + ": " + e.getMessage(), e);
    }
  }

  /** Reads and imports the ONNX model at {@code path}; throws {@link UnusableInputException} naming the problem. */
  static ModelFile readOnnx(Path path, String command) throws IOException {
    ModelFormat format = formatOf(path);
    if (format == ModelFormat.TORCHSCRIPT) {
      validateOther(path);
      throw new UnusableInputException(path + " is a TorchScript archive (it passed validation); zkinfer " + command
          + " reads ONNX models only: export it with torch.onnx.export");
    }
    if (format == ModelFormat.SAVED_MODEL) {
      validateOther(path);
      throw new UnusableInputException(path + " is a TensorFlow SavedModel; zkinfer " + command
          + " reads ONNX models only: " + SavedModelDirectory.CONVERSION_ADVICE);
    }
    if (Files.isDirectory(path)) {
      throw new UnusableInputException(path + " is a directory without saved_model.pb; zkinfer " + command
          + " reads ONNX model files");
    }
    byte[] bytes = Files.readAllBytes(path);
    try {
      return new ModelFile(path, bytes, new OnnxImporter().importModel(bytes));
    } catch (OnnxImportException e) {
      if (ModelFormat.detect(head(bytes)) == ModelFormat.UNKNOWN) {
        throw new UnusableInputException(path + " is " + ModelFormat.guess(head(bytes)) + " (read as ONNX: "
            + e.getMessage() + ")", e);
      }
      throw new UnusableInputException(path + ": " + e.getMessage(), e);
    }
  }

  private static byte[] head(byte[] bytes) {
    return java.util.Arrays.copyOf(bytes, Math.min(16, bytes.length));
  }
}
