package io.zkinfer.algebra.codec;

import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G1Point;
import io.zkinfer.algebra.curve.G2Affine;
import io.zkinfer.algebra.curve.G2Point;
import io.zkinfer.algebra.field.Fq;
import io.zkinfer.algebra.field.Fq12;
import io.zkinfer.algebra.pairing.Pairing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnarkjsJsonTest {

    private static void assertRejects(String messagePart, Executable parse) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, parse);
        assertTrue(e.getMessage().contains(messagePart), "message '" + e.getMessage() + "' lacks '" + messagePart + "'");
    }

    @Test
    void pointsRoundTripAndMatchSnarkjs() {
        G1Affine p = G1Point.GENERATOR.mul(SnarkjsFixtures.A).toAffine();
        G2Affine q = G2Point.GENERATOR.mul(SnarkjsFixtures.B).toAffine();
        assertEquals(SnarkjsFixtures.P_AFFINE, SnarkjsJson.g1ToJson(p));
        assertEquals(SnarkjsFixtures.Q_AFFINE, SnarkjsJson.g2ToJson(q));
        assertEquals(p, SnarkjsJson.g1FromJson(SnarkjsFixtures.P_AFFINE));
        assertEquals(q, SnarkjsJson.g2FromJson(SnarkjsFixtures.Q_AFFINE));
        assertEquals(List.of("0", "1", "0"), SnarkjsJson.g1ToJson(G1Affine.INFINITY));
        assertEquals(G1Affine.INFINITY, SnarkjsJson.g1FromJson(List.of("0", "1", "0")));
        List<List<String>> inf2 = List.of(List.of("0", "0"), List.of("1", "0"), List.of("0", "0"));
        assertEquals(inf2, SnarkjsJson.g2ToJson(G2Affine.INFINITY));
        assertEquals(G2Affine.INFINITY, SnarkjsJson.g2FromJson(inf2));
        assertEquals(p, SnarkjsJson.g1FromJson(SnarkjsFixtures.P_AFFINE.subList(0, 2)), "two-element form");
    }

    @Test
    void jacobianZIsNormalisedAsFfjavascriptDoes() {
        assertEquals(SnarkjsJson.g1FromJson(SnarkjsFixtures.P_AFFINE), SnarkjsJson.g1FromJson(SnarkjsFixtures.P_JACOBIAN));
        assertEquals(SnarkjsJson.g2FromJson(SnarkjsFixtures.Q_AFFINE), SnarkjsJson.g2FromJson(SnarkjsFixtures.Q_JACOBIAN));
    }

    @Test
    void fq12UsesTheVkAlphabeta12Nesting() {
        Fq12 e = SnarkjsJson.fq12FromJson(SnarkjsFixtures.E_GENERATORS);
        assertEquals(SnarkjsFixtures.E_GENERATORS, SnarkjsJson.fq12ToJson(e));
        assertEquals(Fq.fromDecimal("17264119758069723980713015158403419364912226240334615592005620718956030922389"),
                e.c0().c0().c0());
        assertEquals(Fq.fromDecimal("440796048150724096437130979851431985500142692666486515369083499585648077975"),
                e.c1().c2().c1());
        assertEquals(SnarkjsFixtures.E_GENERATORS,
                SnarkjsJson.fq12ToJson(Pairing.pair(G1Affine.GENERATOR, G2Affine.GENERATOR)));
    }

    @Test
    void parsersRejectBadInput() {
        List<String> x = SnarkjsFixtures.P_AFFINE;
        assertRejects("not a canonical decimal", () -> SnarkjsJson.g1FromJson(List.of("0x1", "2", "1")));
        assertRejects("not a canonical decimal", () -> SnarkjsJson.g1FromJson(List.of("-1", "2", "1")));
        assertRejects("not a canonical decimal",
                () -> SnarkjsJson.g1FromJson(List.of(Fq.MODULUS.add(java.math.BigInteger.ONE).toString(), "2", "1")));
        assertRejects("not on the BN254 G1 curve", () -> SnarkjsJson.g1FromJson(List.of(x.get(0), "5", "1")));
        assertRejects("must have 2 or 3 elements", () -> SnarkjsJson.g1FromJson(List.of("1")));
        List<List<String>> q = SnarkjsFixtures.Q_AFFINE;
        assertRejects("not on the BN254 G2 twist curve",
                () -> SnarkjsJson.g2FromJson(List.of(q.get(0), List.of("1", "2"), q.get(2))));
        G2Affine outside = Eip196VectorsTest.twistPointOutsideSubgroup();
        assertRejects("not in the order-r subgroup of G2", () -> SnarkjsJson.g2FromJson(List.of(
                SnarkjsJson.fq2ToJson(outside.x()), SnarkjsJson.fq2ToJson(outside.y()), List.of("1", "0"))));
        assertRejects("G2 x [c0, c1] must have 2 elements",
                () -> SnarkjsJson.g2FromJson(List.of(List.of("1"), q.get(1), q.get(2))));
        assertRejects("Fq12 c1 [c0, c1, c2] must have 3 elements", () -> SnarkjsJson.fq12FromJson(
                List.of(SnarkjsFixtures.E_GENERATORS.get(0), SnarkjsFixtures.E_GENERATORS.get(1).subList(0, 2))));
        assertRejects("G1 y is missing", () -> SnarkjsJson.g1FromJson(java.util.Arrays.asList("1", null, "1")));
    }
}
