package io.zkinfer.server.registry;

import io.zkinfer.api.v1.TensorSet;
import io.zkinfer.inference.format.ModelFormat;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.onnx.OnnxImportException;
import io.zkinfer.inference.onnx.OnnxImporter;
import io.zkinfer.inference.quant.Calibration;
import io.zkinfer.server.grpc.ServiceException;
import io.zkinfer.server.runtime.TensorProtos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * An uploaded model file read and checked the way deploy needs: an ONNX model that imports into the graph IR
 * (its operators supported, its tensors well formed), with calibration samples that fit its inputs. Anything else is
 * refused with INVALID_ARGUMENT naming the fault, before the registry stores anything.
 */
public final class UploadedModel {

    /** Grid samples used when a deploy sends no calibration data. */
    static final int GRID_SAMPLES = 16;

    private UploadedModel() {
    }

    /** The imported graph of the ONNX model in {@code file}. */
    public static Graph importOnnx(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ModelFormat format = ModelFormat.detect(Arrays.copyOf(bytes, Math.min(bytes.length, 4096)));
        if (format == ModelFormat.TORCHSCRIPT || format == ModelFormat.SAVED_MODEL) {
            throw ServiceException.invalid("the upload is a " + format.title() + "; deploy takes ONNX models:"
                    + " export it to ONNX first");
        }
        try {
            return new OnnxImporter().importModel(bytes);
        } catch (OnnxImportException | IllegalArgumentException e) {
            throw ServiceException.invalid("the upload is not a usable ONNX model: " + e.getMessage());
        }
    }

    /** The calibration of a build: the header's samples checked against the graph, or a grid over [-1, 1]. */
    public static Calibration calibration(Graph graph, List<TensorSet> samples) {
        if (samples.isEmpty()) {
            return Calibration.fromRanges(graph, Map.of(), GRID_SAMPLES);
        }
        List<Map<String, Tensor>> out = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            try {
                out.add(TensorProtos.inputs(samples.get(i).getTensorsList(), graph.inputs()));
            } catch (IllegalArgumentException e) {
                throw ServiceException.invalid("calibration sample " + i + ": " + e.getMessage());
            }
        }
        return new Calibration(out, samples.size() + " calibration samples sent with the upload");
    }
}
