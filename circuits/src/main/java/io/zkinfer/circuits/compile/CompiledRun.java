package io.zkinfer.circuits.compile;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.circuits.r1cs.Witness;
import io.zkinfer.inference.ir.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One inference computed as a circuit witness: the full witness (wire order of the compiled R1CS), the model's
 * INT64 outputs read from the output signals (graph output order; equal to the integer executor's), and the public
 * signals in {@link PublicLayout} order, i.e. {@code witness.publicSignals(layout.size())}.
 */
public record CompiledRun(Witness witness, Map<String, Tensor> outputs, List<Fr> publicSignals) {

    public CompiledRun {
        Objects.requireNonNull(witness, "witness");
        outputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        publicSignals = List.copyOf(publicSignals);
    }
}
