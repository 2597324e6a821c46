package io.zkinfer.circuits.compile;

import io.zkinfer.inference.exec.IntegerDataOps;
import io.zkinfer.inference.exec.Nd;
import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Node;
import io.zkinfer.inference.ir.Tensor;

/**
 * ONNX multidirectional broadcasting of two shapes as the integer executor does it: for each element of the result,
 * the element of each operand it reads. Computed by running the executor's own broadcasting on tensors of element
 * indices, so circuit and executor pair the same elements.
 *
 * @param shape the result's shape
 * @param a     for each result element, the flat index into operand a
 * @param b     for each result element, the flat index into operand b
 */
record BroadcastMap(long[] shape, int[] a, int[] b) {

    static BroadcastMap of(Node n, long[] shapeA, long[] shapeB) {
        Nd ia = indices(shapeA);
        long countB = Tensor.elementCount(shapeB);
        Nd ib = indices(shapeB);
        Nd packed = IntegerDataOps.broadcast(n, ia, ib, (x, y) -> x * countB + y);
        long[] p = packed.l();
        int[] a = new int[p.length];
        int[] b = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            a[i] = (int) (p[i] / countB);
            b[i] = (int) (p[i] % countB);
        }
        return new BroadcastMap(packed.shape(), a, b);
    }

    /** A tensor of {@code shape} whose elements are their own flat indices. */
    static Nd indices(long[] shape) {
        long[] v = new long[(int) Tensor.elementCount(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        return Nd.ofLongs(DataType.INT64, shape, v);
    }

    int size() {
        return a.length;
    }
}
