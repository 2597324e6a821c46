package io.zkinfer.circuits.compile;

import io.zkinfer.inference.ir.*;
import io.zkinfer.inference.quant.*;
import io.zkinfer.inference.testing.OperatorFixtures;
import io.zkinfer.inference.mnist.MnistFixtures;
import io.zkinfer.inference.onnx.OnnxImporter;
import org.junit.jupiter.api.Test;
import java.util.*;

class ProbeTest {
    @Test
    void probe() throws Exception {
        for (OperatorFixtures.Fixture f : OperatorFixtures.loadAll()) {
            Graph graph = f.graph();
            List<Map<String, Tensor>> samples = new ArrayList<>(List.of(f.input()));
            for (int bits : new int[] {8, 16}) {
                QuantizedModel q = Quantizer.quantize(graph, new Calibration(samples, "fixture samples"), QuantOptions.DEFAULT.withBits(bits));
                StringBuilder sb = new StringBuilder(f.operator() + " " + bits + ": ");
                for (Node n : q.graph().nodes()) {
                    sb.append(n.opType()).append(n.attributes().keySet()).append("(").append(n.name()).append(") ");
                }
                sb.append(" inits=").append(q.graph().initializers().keySet());
                System.out.println(sb);
            }
        }
        for (MnistFixtures.Model m : MnistFixtures.Model.values()) {
            Graph g = new OnnxImporter().importModel(m.path());
            QuantizedModel q = Quantizer.quantize(g, new Calibration(m.feeds(20), "d"), QuantOptions.DEFAULT);
            StringBuilder sb = new StringBuilder(m + ": ");
            for (Node n : q.graph().nodes()) sb.append(n.opType()).append(n.attributes()).append("(").append(n.name()).append(") ");
            System.out.println(sb);
            q.settings().tensors().forEach(t -> System.out.println("  " + t));
        }
    }
}
