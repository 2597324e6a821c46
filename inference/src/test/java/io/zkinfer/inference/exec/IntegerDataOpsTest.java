package io.zkinfer.inference.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.algebra.testing.TestRandom;
import io.zkinfer.inference.ir.Attribute;
import io.zkinfer.inference.ir.DataType;
import io.zkinfer.inference.ir.Node;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Integer MaxPool (with and without padding, strides, dilations, ceil_mode) against a per-tap reference. */
class IntegerDataOpsTest {

    @Test
    void maxPoolMatchesTheReference() {
        long seed = TestRandom.seed("IntegerDataOpsTest.maxPool");
        System.out.println("IntegerDataOpsTest.maxPool seed " + seed);
        Random random = new Random(seed);
        int unpadded = 0;
        for (int t = 0; t < 300; t++) {
            int h = 1 + random.nextInt(9);
            int w = 1 + random.nextInt(9);
            int kh = 1 + random.nextInt(3);
            int kw = 1 + random.nextInt(3);
            boolean padded = random.nextBoolean();
            long[] pads = padded ? new long[] {random.nextInt(kh), random.nextInt(kw), random.nextInt(kh),
                random.nextInt(kw)} : new long[] {0, 0, 0, 0};
            Map<String, Attribute> attrs = new HashMap<>();
            attrs.put("kernel_shape", Attribute.Ints.of(kh, kw));
            attrs.put("strides", Attribute.Ints.of(1 + random.nextInt(3), 1 + random.nextInt(3)));
            attrs.put("dilations", Attribute.Ints.of(1 + random.nextInt(2), 1 + random.nextInt(2)));
            attrs.put("pads", Attribute.Ints.of(pads));
            attrs.put("ceil_mode", new Attribute.Int(random.nextInt(2)));
            Node n = new Node("MaxPool", "pool" + t, List.of("x"), List.of("y"), attrs);
            Window2d g;
            try {
                g = Window2d.of(n, h, w, kh, kw, true);
            } catch (IllegalArgumentException e) {
                continue; // the window does not fit
            }
            int planes = 1 + random.nextInt(3);
            long[] x = new long[planes * h * w];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextInt(1 << 16) - (1 << 15);
            }
            long[] expected = new long[planes * g.outH() * g.outW()];
            int o = 0;
            for (int p = 0; p < planes; p++) {
                for (int oy = 0; oy < g.outH(); oy++) {
                    for (int ox = 0; ox < g.outW(); ox++) {
                        long max = Long.MIN_VALUE;
                        for (int ky = 0; ky < kh; ky++) {
                            for (int kx = 0; kx < kw; kx++) {
                                int iy = oy * g.sh() - g.padTop() + ky * g.dh();
                                int ix = ox * g.sw() - g.padLeft() + kx * g.dw();
                                if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                    max = Math.max(max, x[(p * h + iy) * w + ix]);
                                }
                            }
                        }
                        expected[o++] = max;
                    }
                }
            }
            Nd y = IntegerDataOps.movement(n, List.of(Nd.ofLongs(DataType.INT64, new long[] {1, planes, h, w}, x)),
                    13);
            assertArrayEquals(expected, y.l(), "case " + t + " " + h + "x" + w + " " + attrs);
            unpadded += padded ? 0 : 1;
        }
        assertTrue(unpadded > 0, "no unpadded case was drawn");
    }
}
