package io.zkinfer.inference.format;

import io.zkinfer.inference.ir.Graph;

import java.nio.file.Path;

/** An ONNX file that {@link io.zkinfer.inference.onnx.OnnxImporter} imported: the file and its graph. */
public record OnnxModel(Path file, Graph graph) implements ValidatedModel {

    @Override
    public ModelFormat format() {
        return ModelFormat.ONNX;
    }

    @Override
    public Path path() {
        return file;
    }

    @Override
    public boolean runnable() {
        return true;
    }

    @Override
    public String describe() {
        return "ONNX model " + file.getFileName() + " (opset " + graph.opset() + "): " + graph.nodes().size()
                + " nodes, inputs " + graph.inputs().stream().map(i -> i.name()).toList() + ", outputs "
                + graph.outputs().stream().map(o -> o.name()).toList();
    }
}
