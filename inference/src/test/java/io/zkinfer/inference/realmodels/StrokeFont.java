package io.zkinfer.inference.realmodels;

import java.util.Random;

/**
 * A tiny stroke font for drawing text-like test images without system fonts: capital letters and digits as
 * straight strokes on a 4 x 4 grid (x right, y down), drawn dark and a few pixels thick into a page whose values
 * are normalised pixels in [-1, 1].
 */
final class StrokeFont {

    /** Each glyph: strokes "x0 y0 x1 y1" separated by commas, on a grid from 0 to 4. */
    private static final String[] GLYPHS = {
        "0 0 0 4,0 4 3 4",                                   // L
        "0 0 4 0,2 0 2 4",                                   // T
        "0 0 0 4,0 0 3 0,0 2 2 2,0 4 3 4",                   // E
        "0 0 0 4,4 0 4 4,0 2 4 2",                           // H
        "0 0 4 4,4 0 0 4",                                   // X
        "0 0 2 4,2 4 4 0",                                   // V
        "0 4 2 0,2 0 4 4,1 2 3 2",                           // A
        "0 4 0 0,0 0 4 4,4 4 4 0",                           // N
        "0 0 4 0,4 0 0 4,0 4 4 4",                           // Z
        "0 0 0 4,0 0 3 0,0 2 2 2",                           // F
        "1 0 3 0,1 4 3 4,2 0 2 4",                           // I
        "1 1 2 0,2 0 2 4",                                   // 1
        "0 0 4 0,4 0 1 4",                                   // 7
        "1 0 3 0,3 0 4 1,4 1 4 3,4 3 3 4,3 4 1 4,1 4 0 3,0 3 0 1,0 1 1 0", // O
        "0 0 0 4,0 4 4 4,4 4 4 0",                           // U
        "0 0 1 4,1 4 2 2,2 2 3 4,3 4 4 0",                   // W
        "0 0 2 2,4 0 2 2,2 2 2 4",                           // Y
        "0 0 0 4,0 0 3 0,3 0 3 2,3 2 0 2",                   // P
    };

    private StrokeFont() {
    }

    /** Draws a random glyph into {@code page} inside the box; returns nothing, the page is changed in place. */
    static void drawRandomGlyph(float[][] page, int top, int bottom, int left, int right, Random random) {
        String glyph = GLYPHS[random.nextInt(GLYPHS.length)];
        double sx = (right - left - 1) / 4.0;
        double sy = (bottom - top - 1) / 4.0;
        double radius = Math.max(0.8, (bottom - top) / 14.0);
        float ink = -0.9f + 0.15f * random.nextFloat();
        for (String stroke : glyph.split(",")) {
            String[] p = stroke.trim().split(" ");
            double x0 = left + sx * Integer.parseInt(p[0]);
            double y0 = top + sy * Integer.parseInt(p[1]);
            double x1 = left + sx * Integer.parseInt(p[2]);
            double y1 = top + sy * Integer.parseInt(p[3]);
            int steps = (int) Math.ceil(2 * Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0))) + 1;
            for (int i = 0; i <= steps; i++) {
                dab(page, y0 + (y1 - y0) * i / steps, x0 + (x1 - x0) * i / steps, radius, ink);
            }
        }
    }

    private static void dab(float[][] page, double cy, double cx, double radius, float ink) {
        int r = (int) Math.ceil(radius);
        for (int y = (int) Math.round(cy) - r; y <= (int) Math.round(cy) + r; y++) {
            for (int x = (int) Math.round(cx) - r; x <= (int) Math.round(cx) + r; x++) {
                if (y >= 0 && y < page.length && x >= 0 && x < page[0].length
                        && (y - cy) * (y - cy) + (x - cx) * (x - cx) <= radius * radius) {
                    page[y][x] = Math.min(page[y][x], ink);
                }
            }
        }
    }
}
