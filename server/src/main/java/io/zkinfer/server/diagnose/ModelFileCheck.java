package io.zkinfer.server.diagnose;

import io.zkinfer.api.v1.ModelFormat;
import io.zkinfer.api.v1.Severity;
import io.zkinfer.api.v1.TensorSpec;
import io.zkinfer.api.v1.ValidationFinding;
import io.zkinfer.api.v1.ValidationReport;
import io.zkinfer.circuits.compile.CircuitSizeEstimate;
import io.zkinfer.circuits.compile.UnsupportedOperatorException;
import io.zkinfer.circuits.compile.VisibilityOptions;
import io.zkinfer.inference.format.ModelValidationException;
import io.zkinfer.inference.format.SavedModelDirectory;
import io.zkinfer.inference.format.TorchScriptArchive;
import io.zkinfer.inference.format.UnsafePickleException;
import io.zkinfer.inference.format.ValidatedModel;
import io.zkinfer.inference.format.ValidationLimits;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.onnx.OnnxImportException;
import io.zkinfer.inference.onnx.OnnxImporter;
import io.zkinfer.inference.quant.QuantOptions;
import io.zkinfer.inference.quant.QuantizedModel;
import io.zkinfer.inference.quant.Quantizer;
import io.zkinfer.server.grpc.ServiceException;
import io.zkinfer.server.registry.UploadedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks a model file as Deploy would, without deploying it, and reports what it found instead of refusing: the
 * format (by content; a zip is a SavedModel when it holds {@code saved_model.pb}, else a TorchScript archive), the
 * operators, the inputs and outputs, and findings with a stable code each.
 *
 * <p>What {@code valid} and {@code provable} mean on this node, where the API leaves room: {@code valid} is whether
 * Deploy accepts the file, i.e. an ONNX model that imports (every operator supported, tensors well formed).
 * A TorchScript archive or SavedModel that passes its structural checks and safety scan is reported as such, but is
 * not valid here, because this node deploys ONNX only (code {@code onnx-only}). {@code provable} is whether a valid
 * model also quantizes (on the grid a deploy without calibration uses, at 8 bits) and compiles into a circuit within
 * the node's constraint limit, at the deploy defaults (public input and output, fixed weights); a model that does
 * not is valid with a warning, since Deploy accepts it, although this node's build of it would fail.
 *
 * <p>Codes: {@code not-a-model}, {@code format-mismatch}, {@code invalid-onnx}, {@code unsupported-operator} (one per
 * node), {@code not-provable}, {@code too-large}, {@code circuit-estimate}, {@code unsafe-pickle},
 * {@code unsafe-archive}, {@code invalid-torchscript}, {@code invalid-savedmodel}, {@code validated},
 * {@code onnx-only}.
 */
public final class ModelFileCheck {

    private static final int HEAD = 4096;

    private final long maxConstraints;

    /** @param maxConstraints the largest circuit this node's builds compile */
    public ModelFileCheck(long maxConstraints) {
        this.maxConstraints = maxConstraints;
    }

    /**
     * The report on {@code bytes}, expected to be of {@code expected} (UNSPECIFIED: detect it). INVALID_ARGUMENT for
     * no bytes; a file that fails is a report with {@code valid} false.
     */
    public ValidationReport validate(ModelFormat expected, byte[] bytes) {
        if (bytes.length == 0) {
            throw ServiceException.invalid("the request carries no model bytes; send the model file (a SavedModel"
                    + " directory as a zip archive)");
        }
        Path work = null;
        try {
            work = Files.createTempDirectory("zkinfer-validate-");
            Report report = new Report();
            byte[] head = Arrays.copyOf(bytes, Math.min(bytes.length, HEAD));
            var sniffed = io.zkinfer.inference.format.ModelFormat.detect(head);
            ModelFormat found = switch (sniffed) {
                case TORCHSCRIPT -> zip(bytes, work, report);
                case SAVED_MODEL -> savedModel(rawSavedModel(bytes, work), report);
                case ONNX, UNKNOWN -> onnx(bytes, head, sniffed, report);
            };
            if (expected != ModelFormat.MODEL_FORMAT_UNSPECIFIED && found != ModelFormat.MODEL_FORMAT_UNSPECIFIED
                    && expected != found) {
                report.add(Severity.SEVERITY_ERROR, "format-mismatch", "the request says " + name(expected)
                        + " but the bytes are " + name(found) + "; send the file meant, or leave format unset",
                        "");
            }
            return report.build(found);
        } catch (IOException e) {
            throw ServiceException.unavailable("cannot write the model to a temporary file to check it: "
                    + e.getMessage());
        } finally {
            TempFiles.deleteQuietly(work);
        }
    }

    /** A zip: a SavedModel when it holds saved_model.pb, else a TorchScript archive. */
    private ModelFormat zip(byte[] bytes, Path work, Report report) throws IOException {
        Path file = Files.write(work.resolve("model.pt"), bytes);
        boolean savedModel;
        try {
            savedModel = SavedModelZip.isSavedModel(file);
        } catch (IOException e) {
            savedModel = false; // an unreadable zip: the TorchScript check names the fault
        }
        if (!savedModel) {
            try {
                accepted(TorchScriptArchive.validate(file, ValidationLimits.DEFAULT), report,
                        "export it to ONNX with torch.onnx.export and deploy that");
            } catch (UnsafePickleException e) {
                report.add(Severity.SEVERITY_ERROR, "unsafe-pickle", e.getMessage(), "");
            } catch (ModelValidationException e) {
                report.add(Severity.SEVERITY_ERROR, "invalid-torchscript", e.getMessage(), "");
            }
            return ModelFormat.MODEL_FORMAT_TORCHSCRIPT;
        }
        try {
            return savedModel(SavedModelZip.extract(file, Files.createDirectory(work.resolve("model")),
                    ValidationLimits.DEFAULT), report);
        } catch (SavedModelZip.EscapingEntryException e) {
            report.add(Severity.SEVERITY_ERROR, "unsafe-archive", e.getMessage(), "");
        } catch (ModelValidationException e) {
            report.add(Severity.SEVERITY_ERROR, "invalid-savedmodel", e.getMessage(), "");
        }
        return ModelFormat.MODEL_FORMAT_SAVEDMODEL;
    }

    /** A bare saved_model.pb, placed in a directory of its own for the SavedModel check. */
    private static Path rawSavedModel(byte[] bytes, Path work) throws IOException {
        Path dir = Files.createDirectory(work.resolve("model"));
        Files.write(dir.resolve(SavedModelZip.MARKER), bytes);
        return dir;
    }

    private ModelFormat savedModel(Path dir, Report report) {
        try {
            accepted(SavedModelDirectory.validate(dir, ValidationLimits.DEFAULT), report,
                    SavedModelDirectory.CONVERSION_ADVICE);
        } catch (ModelValidationException e) {
            report.add(Severity.SEVERITY_ERROR, "invalid-savedmodel", e.getMessage(), "");
        }
        return ModelFormat.MODEL_FORMAT_SAVEDMODEL;
    }

    /** A TorchScript archive or SavedModel that passed its checks: said so, and that this node deploys ONNX only. */
    private static void accepted(ValidatedModel model, Report report, String advice) {
        report.add(Severity.SEVERITY_INFO, "validated", "passed validation: " + model.describe(), "");
        report.add(Severity.SEVERITY_ERROR, "onnx-only", "this node deploys ONNX models only; " + advice, "");
    }

    private ModelFormat onnx(byte[] bytes, byte[] head, io.zkinfer.inference.format.ModelFormat sniffed,
            Report report) {
        Optional<OnnxOperators> operators = OnnxOperators.read(bytes);
        operators.ifPresent(o -> report.operators = o.operators());
        if (operators.isPresent() && !operators.get().unsupported().isEmpty()) {
            for (OnnxOperators.Unsupported u : operators.get().unsupported()) {
                report.add(Severity.SEVERITY_ERROR, "unsupported-operator", "unsupported ONNX operator '"
                        + u.operator() + "' (node '" + u.node() + "'); Deploy refuses it: export the model without"
                        + " it (supported: " + String.join(", ", OnnxImporter.SUPPORTED_OPERATORS) + ")", u.node());
            }
            return ModelFormat.MODEL_FORMAT_ONNX;
        }
        Graph graph;
        try {
            graph = new OnnxImporter().importModel(bytes);
        } catch (OnnxImportException | IllegalArgumentException e) {
            if (sniffed == io.zkinfer.inference.format.ModelFormat.UNKNOWN && operators.isEmpty()) {
                report.add(Severity.SEVERITY_ERROR, "not-a-model", "the bytes are "
                        + io.zkinfer.inference.format.ModelFormat.guess(Arrays.copyOf(head, Math.min(head.length, 16)))
                        + " (read as ONNX: " + e.getMessage() + ")", "");
                return ModelFormat.MODEL_FORMAT_UNSPECIFIED;
            }
            report.add(Severity.SEVERITY_ERROR, "invalid-onnx", "Deploy refuses this ONNX model: " + e.getMessage(),
                    "");
            return ModelFormat.MODEL_FORMAT_ONNX;
        }
        graph.inputs().forEach(i -> report.inputs.add(DiagnosticsProtos.tensor(i)));
        graph.outputs().forEach(o -> report.outputs.add(DiagnosticsProtos.tensor(o)));
        report.provable = provable(graph, report);
        return ModelFormat.MODEL_FORMAT_ONNX;
    }

    /** Whether {@code graph} quantizes and compiles within the limit, as this node's build would do it. */
    private boolean provable(Graph graph, Report report) {
        String buildFails = "; Deploy accepts the model, but this node compiles every version into a circuit, so"
                + " its build would fail";
        CircuitSizeEstimate estimate;
        try {
            QuantizedModel q = Quantizer.quantize(graph, UploadedModel.calibration(graph, List.of()),
                    QuantOptions.DEFAULT.withBits(8));
            estimate = CircuitSizeEstimate.of(q, VisibilityOptions.DEFAULT);
        } catch (UnsupportedOperatorException e) {
            report.add(Severity.SEVERITY_WARNING, "not-provable", e.getMessage() + buildFails, e.node());
            return false;
        } catch (IllegalArgumentException | ArithmeticException e) {
            report.add(Severity.SEVERITY_WARNING, "not-provable", "the model cannot be quantized for a circuit: "
                    + e.getMessage() + buildFails, "");
            return false;
        }
        String size = String.format(Locale.ROOT, "about %,d constraints at int8 with %s (the deploy defaults);"
                + " most expensive: %s", estimate.constraints(), estimate.visibility(),
                estimate.describeMostExpensive(3));
        if (estimate.constraints() > maxConstraints) {
            report.add(Severity.SEVERITY_WARNING, "too-large", "the circuit needs " + size + ", more than this"
                    + " node's limit of " + String.format(Locale.ROOT, "%,d", maxConstraints) + buildFails, "");
            return false;
        }
        report.add(Severity.SEVERITY_INFO, "circuit-estimate", "the circuit needs " + size, "");
        return true;
    }

    private static String name(ModelFormat f) {
        return switch (f) {
            case MODEL_FORMAT_ONNX -> "an ONNX model";
            case MODEL_FORMAT_TORCHSCRIPT -> "a TorchScript archive";
            case MODEL_FORMAT_SAVEDMODEL -> "a TensorFlow SavedModel";
            default -> f.name();
        };
    }

    /** The report being assembled; {@code valid} follows from the findings (no error). */
    private static final class Report {
        private final List<ValidationFinding> findings = new ArrayList<>();
        private final List<TensorSpec> inputs = new ArrayList<>();
        private final List<TensorSpec> outputs = new ArrayList<>();
        private List<String> operators = List.of();
        private boolean provable;

        void add(Severity severity, String code, String message, String node) {
            findings.add(ValidationFinding.newBuilder().setSeverity(severity).setCode(code).setMessage(message)
                    .setNode(node).build());
        }

        ValidationReport build(ModelFormat found) {
            boolean valid = findings.stream().noneMatch(f -> f.getSeverity() == Severity.SEVERITY_ERROR);
            List<ValidationFinding> ordered = findings.stream()
                    .sorted(Comparator.comparingInt((ValidationFinding f) -> f.getSeverity().getNumber()).reversed())
                    .toList();
            return ValidationReport.newBuilder().setValid(valid).setProvable(valid && provable)
                    .setDetectedFormat(found).addAllFindings(ordered).addAllInputs(inputs).addAllOutputs(outputs)
                    .addAllOperators(operators).build();
        }
    }
}
