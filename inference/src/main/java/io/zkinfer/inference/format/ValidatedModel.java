package io.zkinfer.inference.format;

import io.zkinfer.inference.onnx.OnnxImportException;
import io.zkinfer.inference.onnx.OnnxImporter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * A model file or directory that has been recognised ({@link ModelFormat#detect}) and passed its format's checks:
 * an {@link OnnxModel} (imported into the IR), a {@link TorchScriptArchive} (structure and pickle safety scan) or a
 * {@link SavedModelDirectory} (structure only). Anything else is refused with a {@link ModelValidationException}
 * that names the file and the fault.
 */
public sealed interface ValidatedModel permits OnnxModel, TorchScriptArchive, SavedModelDirectory {

    /** The format that was recognised. */
    ModelFormat format();

    /** The file or directory checked. */
    Path path();

    /** Whether zkinfer can run it: ONNX (IR executors, ONNX Runtime) and TorchScript (DJL); not a SavedModel. */
    boolean runnable();

    /** One line for people: what it is and what was found (and for a SavedModel, how to convert it). */
    String describe();

    /** Detects and validates {@code path} with {@link ValidationLimits#DEFAULT}. */
    static ValidatedModel validate(Path path) {
        return validate(path, ValidationLimits.DEFAULT);
    }

    /** Detects and validates {@code path}; throws {@link ModelValidationException} naming the fault. */
    static ValidatedModel validate(Path path, ValidationLimits limits) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new ModelValidationException("no such file or directory: " + path);
        }
        ModelFormat format = ModelFormat.detect(path);
        return switch (format) {
            case TORCHSCRIPT -> TorchScriptArchive.validate(path, limits);
            case SAVED_MODEL -> SavedModelDirectory.validate(Files.isDirectory(path) ? path
                    : path.toAbsolutePath().getParent(), limits);
            case ONNX -> {
                try {
                    yield new OnnxModel(path, new OnnxImporter().importModel(path));
                } catch (OnnxImportException e) {
                    throw new ModelValidationException("ONNX model " + path.getFileName() + " is refused: "
                            + e.getMessage(), e);
                } catch (IOException e) {
                    throw new ModelValidationException("cannot read " + path.getFileName() + ": " + e.getMessage(),
                            e);
                }
            }
            case UNKNOWN -> throw new ModelValidationException(path.getFileName() + " is not a recognised model: "
                    + (Files.isDirectory(path) ? "a directory without saved_model.pb"
                    : ModelFormat.guess(ModelFormat.head(path)))
                    + ". zkinfer reads ONNX files, TorchScript archives and (for validation) TensorFlow SavedModel "
                    + "directories");
        };
    }
}
