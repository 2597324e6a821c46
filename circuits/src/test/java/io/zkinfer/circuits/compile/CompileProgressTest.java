package io.zkinfer.circuits.compile;

import io.zkinfer.circuits.builder.Circuit;
import io.zkinfer.inference.mnist.MnistFixtures;
import io.zkinfer.inference.quant.QuantizedModel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ModelCompiler#compile(io.zkinfer.algebra.progress.Progress)} keeps the Progress contract. */
class CompileProgressTest {

    @Test
    void reportsEveryNodeThenTheBoundaryAndBuildsTheSameCircuit() {
        QuantizedModel q = MnistCompilationTest.quantized(MnistFixtures.Model.CNN);
        ModelCompiler compiler = new ModelCompiler(q, VisibilityOptions.DEFAULT);
        List<long[]> updates = new ArrayList<>();
        List<String> phases = new ArrayList<>();
        Circuit c = compiler.compile((phase, done, total) -> {
            updates.add(new long[] {done, total});
            phases.add(phase);
        });
        int nodes = q.graph().nodes().size();
        assertEquals(nodes + 1, updates.size());
        for (int i = 0; i < updates.size(); i++) {
            assertEquals(i + 1, updates.get(i)[0], "done grows by one per step");
            assertEquals(nodes + 1, updates.get(i)[1], "total stays the same");
        }
        assertEquals("compile: " + q.graph().nodes().get(0).name(), phases.get(0));
        assertTrue(phases.get(nodes).contains("outputs"), phases.get(nodes));
        assertEquals(compiler.compile().r1cs(), c.r1cs());
    }
}
