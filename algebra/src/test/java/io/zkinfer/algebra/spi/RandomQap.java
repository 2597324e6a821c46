package io.zkinfer.algebra.spi;

import io.zkinfer.algebra.field.Fr;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A random R1CS system on 2^log2n rows that its random witness satisfies, for the QAP quotient tests: A and B get a
 * few entries a row (repeated cells and wires whose value is zero included), and C gets one entry a row on wire 0
 * (z₀ = 1) whose value is that row's (A·z)(B·z). Rows past {@code rows} stay empty, as the padding of a real domain.
 */
public final class RandomQap {
    public final int log2n;
    public final int wires;
    public final Fr[] z;
    /** A, B and C. */
    public final QapMatrices withC;
    /** The same A and B entries without C, as in keys that snarkjs makes. */
    public final QapMatrices withoutC;
    private final List<int[]> cells = new ArrayList<>();
    private final List<Fr> values = new ArrayList<>();
    private final Fr[] products;

    public RandomQap(Random rnd, int log2n, int rows, int wires) {
        this.log2n = log2n;
        this.wires = wires;
        z = new Fr[wires];
        z[0] = Fr.ONE;
        for (int w = 1; w < wires; w++) {
            z[w] = rnd.nextInt(5) == 0 ? Fr.ZERO : Fr.random(rnd);
        }
        Fr[] a = new Fr[rows];
        Fr[] b = new Fr[rows];
        for (int r = 0; r < rows; r++) {
            a[r] = addRow(rnd, QapMatrices.A, r);
            b[r] = addRow(rnd, QapMatrices.B, r);
        }
        withoutC = build();
        products = new Fr[rows];
        for (int r = 0; r < rows; r++) {
            products[r] = a[r].mul(b[r]);
        }
        withC = withCOffAt();
    }

    /** A, B and a C whose value on each of {@code wrongRows} is one more than the row's (A·z)(B·z). */
    public QapMatrices withCOffAt(int... wrongRows) {
        int size = cells.size();
        for (int r = 0; r < products.length; r++) {
            Fr v = products[r];
            for (int wrong : wrongRows) {
                v = wrong == r ? v.add(Fr.ONE) : v;
            }
            add(QapMatrices.C, r, 0, v);
        }
        QapMatrices m = build();
        cells.subList(size, cells.size()).clear();
        values.subList(size, values.size()).clear();
        return m;
    }

    private Fr addRow(Random rnd, int m, int row) {
        Fr sum = Fr.ZERO;
        int count = rnd.nextInt(4);
        for (int k = 0; k < count; k++) {
            int w = rnd.nextInt(wires);
            Fr v = rnd.nextInt(6) == 0 ? Fr.ONE.neg() : Fr.random(rnd);
            add(m, row, w, v);
            sum = sum.add(v.mul(z[w]));
        }
        return sum;
    }

    private void add(int m, int row, int w, Fr v) {
        cells.add(new int[] {m, row, w});
        values.add(v);
    }

    private QapMatrices build() {
        int n = cells.size();
        int[] m = new int[n], r = new int[n], c = new int[n];
        long[] v = new long[4 * n];
        for (int i = 0; i < n; i++) {
            m[i] = cells.get(i)[0];
            r[i] = cells.get(i)[1];
            c[i] = cells.get(i)[2];
            values.get(i).toMontgomeryLimbs(v, 4 * i);
        }
        return new QapMatrices(m, r, c, v);
    }

    /** The witness as Montgomery limbs. */
    public long[] witnessLimbs() {
        long[] l = new long[4 * wires];
        for (int w = 0; w < wires; w++) {
            z[w].toMontgomeryLimbs(l, 4 * w);
        }
        return l;
    }
}
