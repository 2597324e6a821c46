package io.zkinfer.circuits.builder;

import io.zkinfer.algebra.field.Fr;

import java.util.Arrays;

/**
 * Arithmetic on the sorted (wire, coefficient) arrays of {@link Signal}s; zero coefficients are dropped. A factor of
 * 1 is not multiplied out, so that passing a long combination (an accumulator of a layer) through additions and
 * comparisons costs copies, not field multiplications.
 */
final class Terms {

    private Terms() {
    }

    /** {@code k·c}, without a multiplication when either is 1. */
    private static Fr times(Fr k, Fr c) {
        return k.isOne() ? c : c.isOne() ? k : k.mul(c);
    }

    /** {@code ka·a + kb·b}. */
    static Signal combine(Signal a, Fr ka, Signal b, Fr kb) {
        int[] w = new int[a.wires.length + b.wires.length];
        Fr[] c = new Fr[w.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.wires.length || j < b.wires.length) {
            int wa = i < a.wires.length ? a.wires[i] : Integer.MAX_VALUE;
            int wb = j < b.wires.length ? b.wires[j] : Integer.MAX_VALUE;
            Fr k;
            int wire;
            if (wa < wb) {
                wire = wa;
                k = times(ka, a.coefficients[i++]);
            } else if (wb < wa) {
                wire = wb;
                k = times(kb, b.coefficients[j++]);
            } else {
                wire = wa;
                k = times(ka, a.coefficients[i++]).add(times(kb, b.coefficients[j++]));
            }
            if (!k.isZero()) {
                w[n] = wire;
                c[n++] = k;
            }
        }
        Fr value = times(ka, a.value()).add(times(kb, b.value()));
        return new Signal(n == w.length ? w : Arrays.copyOf(w, n), n == c.length ? c : Arrays.copyOf(c, n), value);
    }

    /** {@code k·a}. */
    static Signal scale(Signal a, Fr k) {
        if (k.isZero()) {
            return new Signal(new int[0], new Fr[0], Fr.ZERO);
        }
        if (k.isOne()) {
            return a;
        }
        Fr[] c = new Fr[a.coefficients.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = a.coefficients[i].mul(k);
        }
        return new Signal(a.wires, c, a.value().mul(k));
    }

    /** Σ kᵢ·xᵢ: every term sorted by wire once, then equal wires merged. */
    static Signal linear(Signal[] xs, Fr[] ks) {
        Fr value = Fr.ZERO;
        int total = 0;
        for (int t = 0; t < xs.length; t++) {
            value = value.add(times(ks[t], xs[t].value()));
            total += xs[t].wires.length;
        }
        long[] keys = new long[total];
        Fr[] terms = new Fr[total];
        int n = 0;
        for (int t = 0; t < xs.length; t++) {
            Signal x = xs[t];
            for (int i = 0; i < x.wires.length; i++) {
                keys[n] = ((long) x.wires[i] << 32) | n;
                terms[n++] = times(ks[t], x.coefficients[i]);
            }
        }
        Arrays.sort(keys);
        int[] w = new int[total];
        Fr[] c = new Fr[total];
        int m = 0;
        for (int i = 0; i < total; ) {
            int wire = (int) (keys[i] >>> 32);
            Fr k = terms[(int) keys[i++]];
            while (i < total && (int) (keys[i] >>> 32) == wire) {
                k = k.add(terms[(int) keys[i++]]);
            }
            if (!k.isZero()) {
                w[m] = wire;
                c[m++] = k;
            }
        }
        return new Signal(Arrays.copyOf(w, m), Arrays.copyOf(c, m), value);
    }
}
