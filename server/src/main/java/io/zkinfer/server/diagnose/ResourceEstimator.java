package io.zkinfer.server.diagnose;

import io.zkinfer.api.v1.EstimateResourceRequirementRequest;
import io.zkinfer.api.v1.ResourceEstimate;
import io.zkinfer.api.v1.TensorSpec;
import io.zkinfer.circuits.compile.CircuitSizeEstimate;
import io.zkinfer.circuits.compile.UnsupportedOperatorException;
import io.zkinfer.circuits.compile.VisibilityOptions;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.onnx.OnnxImportException;
import io.zkinfer.inference.onnx.OnnxImporter;
import io.zkinfer.inference.quant.QuantOptions;
import io.zkinfer.inference.quant.QuantizedModel;
import io.zkinfer.inference.quant.Quantizer;
import io.zkinfer.prover.model.CircuitSettings;
import io.zkinfer.prover.model.ModelDirectory;
import io.zkinfer.server.grpc.ServiceException;
import io.zkinfer.server.registry.BuildSpecs;
import io.zkinfer.server.registry.ModelFiles;
import io.zkinfer.server.registry.UploadedModel;
import io.zkinfer.server.registry.VersionRecord;
import io.zkinfer.server.registry.VersionStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What proving a model would take on this node: constraints, wires, parameters, MACs, peak activation memory, key
 * size, prover memory, setup and proving time, and whether it fits.
 *
 * <p>Where each figure comes from. For a deployed version asked about as it was built (same bits and visibility, no
 * other input shapes), the constraints and wires are those of its compiled circuit ({@code circuit.json}) and the
 * proving key's size is its file's; otherwise the uploaded file (or the version's stored upload) is quantized on the
 * grid a deploy without calibration uses and its circuit is counted by {@link CircuitSizeEstimate} without building it
 * (exact, as that class states), the key's size follows from {@link ProvingRates}, and {@code wires} is 0, since only
 * compiling counts them. Parameters, MACs and the peak activation memory (at the quantized width, bits / 8 bytes per
 * element, as {@code zkinfer inspect} reports it) come from the float model's
 * {@link io.zkinfer.inference.estimate.ResourceEstimate}. Times and prover memory follow {@link ProvingRates}. It fits
 * this node when its constraints are within the node's limit and the prover's memory within the JVM's heap limit.
 */
public final class ResourceEstimator {

    private final ModelFiles files;
    private final long maxConstraints;
    private final long memoryBytes;

    /**
     * @param files          the node's model store
     * @param maxConstraints the largest circuit this node's builds compile
     * @param memoryBytes    the memory a prover may use here (the JVM's heap limit)
     */
    public ResourceEstimator(ModelFiles files, long maxConstraints, long memoryBytes) {
        this.files = files;
        this.maxConstraints = maxConstraints;
        this.memoryBytes = memoryBytes;
    }

    /** The estimate for deployed {@code version}, with the request's bits, visibility and shapes where given. */
    public ResourceEstimate forVersion(VersionRecord version, EstimateResourceRequirementRequest request) {
        int builtBits = version.buildSpec().getQuantizationBits();
        int bits = bits(request.getQuantizationBits(), builtBits);
        VisibilityOptions built = BuildSpecs.visibility(version.buildSpec().getVisibility());
        VisibilityOptions visibility = request.hasVisibility() ? BuildSpecs.visibility(request.getVisibility())
                : built;
        Graph graph;
        try {
            graph = UploadedModel.importOnnx(files.blob(version.fileSha256()));
        } catch (IOException e) {
            throw ServiceException.unavailable("cannot read the stored upload of " + version.label() + ": "
                    + e.getMessage());
        }
        ModelDirectory dir = files.versionDirectory(version.modelId(), version.version());
        boolean asBuilt = bits == builtBits && visibility.equals(built) && request.getInputShapesCount() == 0
                && version.status() != VersionStatus.FAILED && version.constraints() > 0;
        if (asBuilt) {
            try {
                return compiled(graph, dir, bits, visibility);
            } catch (IOException e) {
                // the directory is gone or changed: estimate from the upload instead, as for any other choice
            }
        }
        return estimated(graph, bits, visibility, shapes(request.getInputShapesList()),
                version.label() + " estimated from its upload at int" + bits + " with " + visibility);
    }

    /** The estimate for an ONNX model file not deployed. */
    public ResourceEstimate forFile(byte[] bytes, EstimateResourceRequirementRequest request) {
        if (bytes.length == 0) {
            throw ServiceException.invalid("model_file is empty; send the ONNX model's bytes");
        }
        var format = io.zkinfer.inference.format.ModelFormat.detect(Arrays.copyOf(bytes, Math.min(bytes.length, 16)));
        if (format == io.zkinfer.inference.format.ModelFormat.TORCHSCRIPT
                || format == io.zkinfer.inference.format.ModelFormat.SAVED_MODEL) {
            throw ServiceException.invalid("model_file is a " + format.title() + "; proving needs an ONNX model:"
                    + " export it to ONNX (torch.onnx.export, tf2onnx) and estimate that");
        }
        Graph graph;
        try {
            graph = new OnnxImporter().importModel(bytes);
        } catch (OnnxImportException e) {
            throw ServiceException.invalid("model_file is not a usable ONNX model: " + e.getMessage());
        }
        int bits = bits(request.getQuantizationBits(), 8);
        VisibilityOptions visibility = request.hasVisibility() ? BuildSpecs.visibility(request.getVisibility())
                : VisibilityOptions.DEFAULT;
        return estimated(graph, bits, visibility, shapes(request.getInputShapesList()),
                "estimated from the file at int" + bits + " with " + visibility);
    }

    /** A version as built: its compiled circuit's counts and its proving key's size. */
    private ResourceEstimate compiled(Graph graph, ModelDirectory dir, int bits, VisibilityOptions visibility)
            throws IOException {
        CircuitSettings settings = dir.circuitSettings();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        settings.inputs().forEach(i -> shapes.put(i.name(), i.shape()));
        var model = modelEstimate(graph, bits, shapes);
        CircuitSizeEstimate parts = CircuitSizeEstimate.of(dir.model(), visibility);
        long constraints = settings.counts().constraints();
        boolean keyOnDisk = Files.isRegularFile(dir.file(ModelDirectory.PROVING_KEY));
        long keyBytes = keyOnDisk ? Files.size(dir.file(ModelDirectory.PROVING_KEY))
                : ProvingRates.provingKeyBytes(constraints);
        String basis = "the compiled circuit at int" + bits + " with " + visibility + (keyOnDisk
                ? "; the proving key's size is its file's" : "; no proving key on disk, its size is estimated");
        return result(constraints, settings.counts().wires(), model, keyBytes, parts, basis);
    }

    /** A model quantized on the deploy grid and its circuit counted without building it. */
    private ResourceEstimate estimated(Graph graph, int bits, VisibilityOptions visibility,
            Map<String, long[]> shapes, String basis) {
        var model = modelEstimate(graph, bits, shapes);
        Graph fixed = new Graph(graph.name(), graph.opset(), model.inputs(), graph.outputs(), graph.nodes(),
                graph.initializers());
        CircuitSizeEstimate circuit;
        try {
            QuantizedModel q = Quantizer.quantize(fixed, UploadedModel.calibration(fixed, List.of()),
                    QuantOptions.DEFAULT.withBits(bits));
            circuit = CircuitSizeEstimate.of(q, visibility);
        } catch (UnsupportedOperatorException e) {
            throw ServiceException.invalid("the model cannot be proven: " + e.getMessage());
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw ServiceException.invalid("the model cannot be quantized for a circuit: " + e.getMessage());
        }
        return result(circuit.constraints(), 0, model, ProvingRates.provingKeyBytes(circuit.constraints()), circuit,
                basis + " (wires are counted only by compiling)");
    }

    private ResourceEstimate result(long constraints, long wires, io.zkinfer.inference.estimate.ResourceEstimate model,
            long keyBytes, CircuitSizeEstimate parts, String basis) {
        long proverBytes = ProvingRates.provingMemoryBytes(keyBytes);
        boolean withinLimit = constraints <= maxConstraints;
        boolean withinMemory = proverBytes <= memoryBytes;
        StringBuilder note = new StringBuilder(basis).append("; most expensive: ")
                .append(parts.describeMostExpensive(3))
                .append("; times scale from rates measured on a 2-core reference machine");
        if (!withinLimit) {
            note.append(String.format(Locale.ROOT, "; does not fit: %,d constraints exceed this node's limit of %,d",
                    constraints, maxConstraints));
        }
        if (!withinMemory) {
            note.append(String.format(Locale.ROOT, "; does not fit: the prover needs about %.1f GiB, this node has"
                    + " %.1f GiB", proverBytes / GIB, memoryBytes / GIB));
        }
        return ResourceEstimate.newBuilder().setConstraints(constraints).setWires(wires)
                .setParameters(model.parameters()).setMacs(model.macs())
                .setPeakActivationBytes(model.peakActivationBytesQuantized()).setProvingKeyBytes(keyBytes)
                .setProvingMemoryBytes(proverBytes)
                .setSetupTime(DiagnosticsProtos.duration(ProvingRates.setup(constraints)))
                .setProvingTime(DiagnosticsProtos.duration(ProvingRates.proving(constraints)))
                .setFitsThisNode(withinLimit && withinMemory).setNote(note.toString()).build();
    }

    private static final double GIB = 1L << 30;

    private static io.zkinfer.inference.estimate.ResourceEstimate modelEstimate(Graph graph, int bits,
            Map<String, long[]> shapes) {
        try {
            return io.zkinfer.inference.estimate.ResourceEstimate.of(graph, bits, bits, shapes);
        } catch (IllegalArgumentException | ArithmeticException e) {
            boolean dynamic = graph.inputs().stream().anyMatch(i -> !i.shape().isStatic());
            throw ServiceException.invalid("cannot estimate the model: " + e.getMessage() + (dynamic && shapes
                    .isEmpty() ? "; give input_shapes for its inputs with dynamic dimensions" : ""));
        }
    }

    private static int bits(int asked, int otherwise) {
        int bits = asked == 0 ? otherwise : asked;
        if (bits != 8 && bits != 16) {
            throw ServiceException.invalid("quantization_bits is " + asked + "; give 8 or 16 (0: the deployed"
                    + " version's, or 8)");
        }
        return bits;
    }

    private static Map<String, long[]> shapes(List<TensorSpec> specs) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (TensorSpec s : specs) {
            long[] dims = s.getShapeList().stream().mapToLong(Long::longValue).toArray();
            if (s.getName().isEmpty() || Arrays.stream(dims).anyMatch(d -> d < 1)) {
                throw ServiceException.invalid("input_shapes entry '" + s.getName() + "' " + Arrays.toString(dims)
                        + " needs the input's name and every dimension 1 or more");
            }
            if (shapes.put(s.getName(), dims) != null) {
                throw ServiceException.invalid("input_shapes names input '" + s.getName() + "' twice");
            }
        }
        return shapes;
    }
}
