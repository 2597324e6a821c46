package io.zkinfer.server.registry;

import io.zkinfer.api.v1.DeployHeader;
import io.zkinfer.api.v1.InputVisibility;
import io.zkinfer.api.v1.ModelFormat;
import io.zkinfer.api.v1.OutputVisibility;
import io.zkinfer.api.v1.TensorVisibility;
import io.zkinfer.api.v1.UpgradeHeader;
import io.zkinfer.api.v1.WeightVisibility;
import io.zkinfer.circuits.compile.Visibility;
import io.zkinfer.circuits.compile.VisibilityOptions;
import io.zkinfer.server.grpc.ServiceException;

/**
 * How a version is built, kept as an {@link UpgradeHeader} (format, visibility, quantization bits, calibration,
 * serving settings) whichever call uploaded it, with unset fields given their defaults (public input and output,
 * fixed weights, 8 bits) and the rest checked before anything is stored.
 */
public final class BuildSpecs {

    private BuildSpecs() {
    }

    static UpgradeHeader of(DeployHeader h) {
        return checked(UpgradeHeader.newBuilder().setFormat(h.getFormat()).setVisibility(h.getVisibility())
                .setQuantizationBits(h.getQuantizationBits()).addAllCalibration(h.getCalibrationList())
                .setServing(h.getServing()).build());
    }

    static UpgradeHeader of(UpgradeHeader h) {
        if (h.getModelId().isEmpty()) {
            throw ServiceException.invalid("the UpgradeHeader names no model_id");
        }
        return checked(UpgradeHeader.newBuilder().setFormat(h.getFormat()).setVisibility(h.getVisibility())
                .setQuantizationBits(h.getQuantizationBits()).addAllCalibration(h.getCalibrationList())
                .setServing(h.getServing()).build());
    }

    private static UpgradeHeader checked(UpgradeHeader spec) {
        int bits = spec.getQuantizationBits() == 0 ? 8 : spec.getQuantizationBits();
        if (bits != 8 && bits != 16) {
            throw ServiceException.invalid("quantization_bits is " + spec.getQuantizationBits() + "; give 8 or 16");
        }
        if (spec.getFormat() == ModelFormat.MODEL_FORMAT_TORCHSCRIPT
                || spec.getFormat() == ModelFormat.MODEL_FORMAT_SAVEDMODEL) {
            throw ServiceException.invalid(spec.getFormat() + " models are validated by ValidateModelFormat but"
                    + " deployed as ONNX only: export to ONNX (torch.onnx.export, tf2onnx) and deploy that");
        }
        VisibilityOptions visibility = visibility(spec.getVisibility());
        if (spec.getServing().getMaxConcurrency() < 0 || spec.getServing().getMaxBatchSize() < 0) {
            throw ServiceException.invalid("serving.max_concurrency and serving.max_batch_size must not be negative");
        }
        return spec.toBuilder().setQuantizationBits(bits).setVisibility(proto(visibility)).build();
    }

    /** The compiler's visibility options for the proto's, unset fields at their defaults. */
    public static VisibilityOptions visibility(TensorVisibility v) {
        Visibility input = switch (v.getInput()) {
            case INPUT_VISIBILITY_UNSPECIFIED, INPUT_VISIBILITY_PUBLIC -> Visibility.PUBLIC;
            case INPUT_VISIBILITY_PRIVATE -> Visibility.PRIVATE;
            case INPUT_VISIBILITY_HASHED -> Visibility.HASHED;
            default -> throw ServiceException.invalid("visibility.input " + v.getInputValue() + " is unknown");
        };
        Visibility output = switch (v.getOutput()) {
            case OUTPUT_VISIBILITY_UNSPECIFIED, OUTPUT_VISIBILITY_PUBLIC -> Visibility.PUBLIC;
            case OUTPUT_VISIBILITY_HASHED -> Visibility.HASHED;
            default -> throw ServiceException.invalid("visibility.output " + v.getOutputValue() + " is unknown");
        };
        Visibility weights = switch (v.getWeights()) {
            case WEIGHT_VISIBILITY_UNSPECIFIED, WEIGHT_VISIBILITY_FIXED -> Visibility.FIXED;
            case WEIGHT_VISIBILITY_HASHED -> Visibility.HASHED;
            default -> throw ServiceException.invalid("visibility.weights " + v.getWeightsValue() + " is unknown");
        };
        return new VisibilityOptions(input, output, weights);
    }

    private static TensorVisibility proto(VisibilityOptions v) {
        return TensorVisibility.newBuilder()
                .setInput(switch (v.input()) {
                    case PRIVATE -> InputVisibility.INPUT_VISIBILITY_PRIVATE;
                    case HASHED -> InputVisibility.INPUT_VISIBILITY_HASHED;
                    default -> InputVisibility.INPUT_VISIBILITY_PUBLIC;
                })
                .setOutput(v.output() == Visibility.HASHED ? OutputVisibility.OUTPUT_VISIBILITY_HASHED
                        : OutputVisibility.OUTPUT_VISIBILITY_PUBLIC)
                .setWeights(v.weights() == Visibility.HASHED ? WeightVisibility.WEIGHT_VISIBILITY_HASHED
                        : WeightVisibility.WEIGHT_VISIBILITY_FIXED)
                .build();
    }
}
