package io.zkinfer.inference.quant;

import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.mnist.MnistFixtures;
import io.zkinfer.inference.onnx.OnnxImporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed MNIST models quantized at 8 bits, calibrated on 100 held-out digits and measured on 1000 others
 * against ONNX Runtime: the integer model's top-1 accuracy must be within 0.5 percentage points of float.
 */
class MnistQuantizationTest {

    private static final int TEST = 1000;
    private static final int CALIBRATION = 100;

    @ParameterizedTest
    @EnumSource(MnistFixtures.Model.class)
    void quantizedTop1AccuracyIsWithinHalfAPointOfFloat(MnistFixtures.Model model) throws Exception {
        Graph g = new OnnxImporter().importModel(model.path());
        List<Map<String, Tensor>> all = model.feeds(TEST + CALIBRATION);
        assertEquals(TEST + CALIBRATION, all.size(), "committed digits");
        List<Map<String, Tensor>> test = new ArrayList<>(all.subList(0, TEST));
        Calibration cal = new Calibration(all.subList(TEST, TEST + CALIBRATION), "held-out digits 1000-1099");
        QuantizedModel q = Quantizer.quantize(g, cal, QuantOptions.DEFAULT);
        AccuracyReport report = AccuracyReport.measure(model.path(), q, test, MnistFixtures.labels(TEST));
        System.out.print(model + " " + report.toText());
        assertEquals(TEST, report.samples());
        assertTrue(report.integerTop1Accuracy() >= report.floatTop1Accuracy() - 0.005, report.toText());
        assertTrue(report.outputs().get(0).top1Agreement() >= 0.98, report.toText());
    }
}
