package io.zkinfer.algebra.codec;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G2Affine;
import io.zkinfer.algebra.field.Fq;
import io.zkinfer.algebra.field.Fq2;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * go-ethereum's EIP-196/197 precompile vectors (see {@code src/test/resources/eip196/README.md}: LGPL-3.0 test data
 * of the go-ethereum library) run through {@link Eip196Precompiles}, plus failure cases of our own.
 */
class Eip196VectorsTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern OBJECT = Pattern.compile("\\{[^{}]*}");
    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*(\"[^\"]*\"|[^,\\s}]+)");

    /** The flat objects of a go-ethereum vector file, as name → raw value (strings unquoted). */
    static List<Map<String, String>> load(String file) throws IOException {
        try (InputStream in = Eip196VectorsTest.class.getResourceAsStream("/eip196/" + file)) {
            if (in == null) {
                throw new IllegalStateException("test resource eip196/" + file + " is missing");
            }
            String json = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            List<Map<String, String>> out = new ArrayList<>();
            Matcher objects = OBJECT.matcher(json);
            while (objects.find()) {
                Map<String, String> fields = new LinkedHashMap<>();
                Matcher f = FIELD.matcher(objects.group());
                while (f.find()) {
                    String v = f.group(2);
                    fields.put(f.group(1), v.startsWith("\"") ? v.substring(1, v.length() - 1) : v);
                }
                out.add(fields);
            }
            return out;
        }
    }

    private static Stream<DynamicTest> vectors(String file, int expectedCount, UnaryOperator<byte[]> precompile)
            throws IOException {
        List<Map<String, String>> vs = load(file);
        assertEquals(expectedCount, vs.size(), file + " vector count");
        return vs.stream().map(v -> DynamicTest.dynamicTest(file + " " + v.get("Name"), () -> {
            byte[] out = precompile.apply(HEX.parseHex(v.get("Input")));
            assertEquals(v.get("Expected"), HEX.formatHex(out), v.get("Name"));
        }));
    }

    @TestFactory
    Stream<DynamicTest> bn256Add() throws IOException {
        return vectors("bn256Add.json", 16, Eip196Precompiles::add);
    }

    @TestFactory
    Stream<DynamicTest> bn256ScalarMul() throws IOException {
        return vectors("bn256ScalarMul.json", 18, Eip196Precompiles::scalarMul);
    }

    @TestFactory
    Stream<DynamicTest> bn256Pairing() throws IOException {
        return vectors("bn256Pairing.json", 14, Eip196Precompiles::pairing);
    }

    @Test
    void failBn256PairingInputsAreValidAsStoredAndFailWhenCut() throws IOException {
        List<Map<String, String>> fails = load("fail-bn256Pairing.json");
        assertEquals(2, fails.size());
        for (Map<String, String> v : fails) {
            byte[] input = HEX.parseHex(v.get("Input"));
            assertEquals(10 * 192, input.length, v.get("Name") + " stored input is ten whole pairs");
            assertEquals("0".repeat(63) + "1", HEX.formatHex(Eip196Precompiles.pairing(input)), v.get("Name"));
            byte[] cut = java.util.Arrays.copyOf(input, input.length - 1);
            Eip196Precompiles.PrecompileFailure e = assertThrows(Eip196Precompiles.PrecompileFailure.class,
                    () -> Eip196Precompiles.pairing(cut));
            assertEquals(v.get("ExpectedError"), e.getMessage());
        }
    }

    // ---- failure cases of our own -------------------------------------------------------------------------------

    private static final String G1_GEN = "0".repeat(63) + "1" + "0".repeat(63) + "2";
    private static final String P_HEX = String.format("%64s", Fq.MODULUS.toString(16)).replace(' ', '0');

    private static String g2Gen() {
        return HEX.formatHex(PointCodec.g2ToUncompressed(G2Affine.GENERATOR));
    }

    private static void assertFails(String expectedMessagePart, UnaryOperator<byte[]> precompile, String hex) {
        Eip196Precompiles.PrecompileFailure e = assertThrows(Eip196Precompiles.PrecompileFailure.class,
                () -> precompile.apply(HEX.parseHex(hex)));
        assertTrue(e.getMessage().contains(expectedMessagePart), e.getMessage());
    }

    @Test
    void addAndMulRejectInvalidPoints() {
        String offCurve = "0".repeat(63) + "1" + "0".repeat(63) + "3";
        String xEqualsP = P_HEX + "0".repeat(63) + "2";
        assertFails("not on the BN254 G1 curve", Eip196Precompiles::add, offCurve + G1_GEN);
        assertFails("not on the BN254 G1 curve", Eip196Precompiles::add, G1_GEN + offCurve);
        assertFails("not a canonical field element", Eip196Precompiles::add, xEqualsP + G1_GEN);
        assertFails("not on the BN254 G1 curve", Eip196Precompiles::scalarMul, offCurve + "0".repeat(63) + "2");
        assertFails("not a canonical field element", Eip196Precompiles::scalarMul, xEqualsP);
        // x = 0, y = p: (0, 0) would be infinity, but y = p is not canonical
        assertFails("not a canonical field element", Eip196Precompiles::add, "0".repeat(64) + P_HEX);
    }

    @Test
    void pairingRejectsBadLengthAndInvalidPoints() {
        String pair = G1_GEN + g2Gen();
        assertEquals(384, pair.length());
        assertFails(Eip196Precompiles.BAD_PAIRING_SIZE, Eip196Precompiles::pairing, pair.substring(2));
        assertFails(Eip196Precompiles.BAD_PAIRING_SIZE, Eip196Precompiles::pairing, pair + "00");
        String g2 = g2Gen();
        String g2OffTwist = g2.substring(0, 254) + (g2.charAt(255) == '0' ? "01" : "00");
        assertFails("not on the BN254 G2 twist curve", Eip196Precompiles::pairing, G1_GEN + g2OffTwist);
        assertFails("not a canonical field element", Eip196Precompiles::pairing, G1_GEN + P_HEX + g2.substring(64));
        assertFails("not on the BN254 G1 curve", Eip196Precompiles::pairing,
                "0".repeat(63) + "1" + "0".repeat(63) + "3" + g2);
        G2Affine outside = twistPointOutsideSubgroup();
        assertFails("not in the order-r subgroup of G2", Eip196Precompiles::pairing,
                G1_GEN + HEX.formatHex(PointCodec.g2ToUncompressed(outside)));
        // infinity on either side contributes 1
        assertArrayEquals(HEX.parseHex("0".repeat(63) + "1"),
                Eip196Precompiles.pairing(HEX.parseHex("0".repeat(128) + g2 + G1_GEN + "0".repeat(256))));
    }

    /** The first point (x, y) with x = k + u, k = 1, 2, …, on the twist; it is not in G2. */
    static G2Affine twistPointOutsideSubgroup() {
        for (int k = 1; ; k++) {
            Fq2 x = Fq2.of(Fq.of(k), Fq.ONE);
            Fq2 y = x.square().mul(x).add(G2Affine.B).sqrt();
            if (y != null) {
                G2Affine p = G2Affine.unchecked(x, y);
                assertTrue(p.isOnCurve());
                assertFalse(p.isInSubgroup());
                return p;
            }
        }
    }

    @Test
    void g1ConstantsMatchTheEipEncodings() {
        assertEquals(G1_GEN, HEX.formatHex(PointCodec.g1ToUncompressed(G1Affine.GENERATOR)));
        assertEquals("198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2", g2Gen().substring(0, 64));
    }
}
