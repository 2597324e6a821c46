package io.zkinfer.algebra.codec;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G2Affine;
import io.zkinfer.algebra.field.Fq;
import io.zkinfer.algebra.field.Fq12;
import io.zkinfer.algebra.field.Fq2;
import io.zkinfer.algebra.field.Fq6;

import java.util.List;

/**
 * The decimal-string JSON forms snarkjs uses in {@code verification_key.json} and {@code proof.json} (ffjavascript's
 * {@code toObject} after {@code stringifyBigInts}), as plain lists so callers can bind them with any JSON library.
 *
 * <ul>
 *   <li>G1: {@code ["x", "y", "1"]}; infinity {@code ["0", "1", "0"]}.</li>
 *   <li>G2: {@code [["x.c0", "x.c1"], ["y.c0", "y.c1"], ["1", "0"]]}; infinity
 *       {@code [["0", "0"], ["1", "0"], ["0", "0"]]}.</li>
 *   <li>Fq12 ({@code vk_alphabeta_12}): {@code [[c0.c0, c0.c1, c0.c2], [c1.c0, c1.c1, c1.c2]]}, each Fq2 written
 *       {@code ["re", "im"]}, for the tower Fq12 = Fq6[w]/(w² − v), Fq6 = Fq2[v]/(v³ − (9 + u)).</li>
 * </ul>
 *
 * <p>Parsers accept a third coordinate z ≠ 1 as ffjavascript does, reading (x, y, z) as Jacobian coordinates
 * (x/z², y/z³), and z = 0 as infinity; a two-element point means z = 1. They reject non-canonical decimals
 * (signs, leading zeros, values ≥ p), points off the curve and G2 points outside the order-r subgroup.
 */
public final class SnarkjsJson {

    private SnarkjsJson() {
    }

    /** G1 point as {@code ["x", "y", "1"]}, infinity as {@code ["0", "1", "0"]}. */
    public static List<String> g1ToJson(G1Affine p) {
        if (p.isInfinity()) {
            return List.of("0", "1", "0");
        }
        return List.of(p.x().toDecimal(), p.y().toDecimal(), "1");
    }

    /** Parses a snarkjs G1 point, normalising Jacobian z ≠ 1, and checks it is on the curve. */
    public static G1Affine g1FromJson(List<String> v) {
        requireSize(v, 2, 3, "G1 point [x, y, z]");
        Fq x = fq(v.get(0), "G1 x");
        Fq y = fq(v.get(1), "G1 y");
        Fq z = v.size() == 3 ? fq(v.get(2), "G1 z") : Fq.ONE;
        if (z.isZero()) {
            return G1Affine.INFINITY;
        }
        if (!z.isOne()) {
            Fq zInv = z.inverse();
            Fq zInv2 = zInv.square();
            x = x.mul(zInv2);
            y = y.mul(zInv2).mul(zInv);
        }
        return G1Affine.of(x, y);
    }

    /** G2 point as {@code [["x.c0","x.c1"],["y.c0","y.c1"],["1","0"]]}. */
    public static List<List<String>> g2ToJson(G2Affine p) {
        if (p.isInfinity()) {
            return List.of(List.of("0", "0"), List.of("1", "0"), List.of("0", "0"));
        }
        return List.of(fq2ToJson(p.x()), fq2ToJson(p.y()), List.of("1", "0"));
    }

    /** Parses a snarkjs G2 point, normalising Jacobian z ≠ 1, and checks the twist equation and the subgroup. */
    public static G2Affine g2FromJson(List<List<String>> v) {
        requireSize(v, 2, 3, "G2 point [x, y, z]");
        Fq2 x = fq2FromJson(v.get(0), "G2 x");
        Fq2 y = fq2FromJson(v.get(1), "G2 y");
        Fq2 z = v.size() == 3 ? fq2FromJson(v.get(2), "G2 z") : Fq2.ONE;
        if (z.isZero()) {
            return G2Affine.INFINITY;
        }
        if (!z.equals(Fq2.ONE)) {
            Fq2 zInv = z.inverse();
            Fq2 zInv2 = zInv.square();
            x = x.mul(zInv2);
            y = y.mul(zInv2).mul(zInv);
        }
        return G2Affine.of(x, y);
    }

    /** Fq12 in the {@code vk_alphabeta_12} nesting: 2 Fq6 × 3 Fq2 × 2 decimal strings. */
    public static List<List<List<String>>> fq12ToJson(Fq12 a) {
        return List.of(fq6ToJson(a.c0()), fq6ToJson(a.c1()));
    }

    /** Parses the {@code vk_alphabeta_12} nesting back into an Fq12 element. */
    public static Fq12 fq12FromJson(List<List<List<String>>> v) {
        requireSize(v, 2, 2, "Fq12 [c0, c1]");
        return Fq12.of(fq6FromJson(v.get(0), "Fq12 c0"), fq6FromJson(v.get(1), "Fq12 c1"));
    }

    /** Fq2 as {@code ["c0", "c1"]}. */
    public static List<String> fq2ToJson(Fq2 a) {
        return List.of(a.c0().toDecimal(), a.c1().toDecimal());
    }

    private static List<List<String>> fq6ToJson(Fq6 a) {
        return List.of(fq2ToJson(a.c0()), fq2ToJson(a.c1()), fq2ToJson(a.c2()));
    }

    private static Fq6 fq6FromJson(List<List<String>> v, String what) {
        requireSize(v, 3, 3, what + " [c0, c1, c2]");
        return Fq6.of(fq2FromJson(v.get(0), what + ".c0"), fq2FromJson(v.get(1), what + ".c1"),
                fq2FromJson(v.get(2), what + ".c2"));
    }

    /** Parses an Fq2 written {@code ["c0", "c1"]}. */
    public static Fq2 fq2FromJson(List<String> v) {
        return fq2FromJson(v, "Fq2");
    }

    private static Fq2 fq2FromJson(List<String> v, String what) {
        requireSize(v, 2, 2, what + " [c0, c1]");
        return Fq2.of(fq(v.get(0), what + ".c0"), fq(v.get(1), what + ".c1"));
    }

    private static Fq fq(String s, String what) {
        if (s == null) {
            throw new IllegalArgumentException("snarkjs " + what + " is missing (null)");
        }
        try {
            return Fq.fromDecimal(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("snarkjs " + what + " = '" + s
                    + "' is not a canonical decimal field element below p: " + e.getMessage(), e);
        }
    }

    private static void requireSize(List<?> v, int min, int max, String what) {
        if (v == null) {
            throw new IllegalArgumentException("snarkjs " + what + " is missing (null)");
        }
        if (v.size() < min || v.size() > max) {
            throw new IllegalArgumentException("snarkjs " + what + " must have " + (min == max ? "" + min
                    : min + " or " + max) + " elements, got " + v.size());
        }
    }
}
