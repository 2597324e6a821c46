package io.zkinfer.inference.quant;

import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.onnx.OnnxImporter;
import io.zkinfer.inference.onnx.OnnxWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A quantized model: an integer {@link Graph} (the semantics of docs/quantization.md) and the
 * {@link QuantSettings} that give every value's scale. Stored as a directory holding {@value #SETTINGS_FILE}
 * and {@value #MODEL_FILE} (an ONNX model whose integer operators are in domain {@code ai.zkinfer.quant}).
 */
public record QuantizedModel(Graph graph, QuantSettings settings) {

    public static final String SETTINGS_FILE = "settings.json";
    public static final String MODEL_FILE = "model.quant.onnx";

    /** Writes the model and settings into {@code dir} (created if absent). */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        OnnxWriter.write(graph, dir.resolve(MODEL_FILE));
        settings.write(dir.resolve(SETTINGS_FILE));
    }

    /** Reads a directory written by {@link #write}; errors name the missing or invalid file. */
    public static QuantizedModel read(Path dir) throws IOException {
        Path settings = dir.resolve(SETTINGS_FILE);
        Path model = dir.resolve(MODEL_FILE);
        for (Path p : new Path[] {settings, model}) {
            if (!Files.isRegularFile(p)) {
                throw new IOException("a quantized model directory needs " + p.getFileName() + "; not found in "
                        + dir);
            }
        }
        QuantSettings s;
        try {
            s = QuantSettings.read(settings);
        } catch (IllegalArgumentException e) {
            throw new IOException(settings + ": " + e.getMessage(), e);
        }
        return new QuantizedModel(new OnnxImporter().importModel(model), s);
    }
}
