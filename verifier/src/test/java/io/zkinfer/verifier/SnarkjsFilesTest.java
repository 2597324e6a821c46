package io.zkinfer.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkinfer.algebra.curve.G2Affine;
import io.zkinfer.algebra.field.Fq;
import io.zkinfer.algebra.field.Fr;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

/** snarkjs JSON: byte-for-byte round trips, and every malformed document refused naming file and field. */
class SnarkjsFilesTest {

    static final List<SnarkjsFixture> FIXTURES = SnarkjsFixture.ALL;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String VK = "verification_key.json";
    private static final String PROOF = "proof.json";

    @ParameterizedTest(name = "{0}")
    @FieldSource("FIXTURES")
    void writersReproduceSnarkjsBytes(SnarkjsFixture f) {
        assertEquals(f.vkJson(), SnarkjsFiles.verifyingKeyJson(f.vk()));
        assertEquals(f.proofJson(), SnarkjsFiles.proofJson(f.proof()));
        List<Fr> pub = f.publicSignals().stream().map(Fr::of).toList();
        assertEquals(f.publicJson(), SnarkjsFiles.publicSignalsJson(pub));
    }

    @Test
    void filesRoundTripThroughDisk(@TempDir Path dir) throws Exception {
        SnarkjsFixture f = SnarkjsFixture.AFFINE5;
        Path vk = dir.resolve(VK);
        Path proof = dir.resolve(PROOF);
        Path pub = dir.resolve("public.json");
        SnarkjsFiles.writeVerifyingKey(vk, f.vk());
        SnarkjsFiles.writeProof(proof, f.proof());
        SnarkjsFiles.writePublicSignals(pub, f.publicSignals().stream().map(Fr::of).toList());
        assertEquals(f.vkJson(), Files.readString(vk));
        assertTrue(Groth16Verifier.verify(SnarkjsFiles.readVerifyingKey(vk), SnarkjsFiles.readPublicSignals(pub),
                SnarkjsFiles.readProof(proof)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"protocol", "curve", "nPublic", "vk_alpha_1", "vk_beta_2", "vk_gamma_2",
        "vk_delta_2", "vk_alphabeta_12", "IC"})
    void verifyingKeyWithoutFieldIsRefused(String field) {
        assertVkRefused(field, "missing field", vk -> vk.remove(field));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pi_a", "pi_b", "pi_c", "protocol", "curve"})
    void proofWithoutFieldIsRefused(String field) {
        assertProofRefused(field, "missing field", p -> p.remove(field));
    }

    @Test
    void wrongProtocolOrCurveIsRefused() {
        assertVkRefused("protocol", "only \"groth16\"", vk -> vk.put("protocol", "plonk"));
        assertVkRefused("curve", "only \"bn128\"", vk -> vk.put("curve", "bls12381"));
        assertProofRefused("protocol", "only \"groth16\"", p -> p.put("protocol", "fflonk"));
        assertProofRefused("curve", "only \"bn128\"", p -> p.put("curve", "bls12381"));
    }

    @Test
    void malformedDecimalsAreRefused() {
        assertProofRefused("pi_a", "", p -> coords(p, "pi_a").set(0, "12a"));
        assertProofRefused("pi_c", "", p -> coords(p, "pi_c").set(1, "-5"));
        assertProofRefused("pi_b", "", p -> ((ArrayNode) coords(p, "pi_b").get(0)).set(1, "0x10"));
        assertVkRefused("IC[1]", "", vk -> ((ArrayNode) coords(vk, "IC").get(1)).set(0, " 7"));
        assertProofRefused("pi_c[0]", "decimal string", p -> coords(p, "pi_c").set(0, 5));
        assertVkRefused("nPublic", "non-negative integer", vk -> vk.put("nPublic", "2"));
    }

    @Test
    void unreducedCoordinateIsRefused() {
        assertProofRefused("pi_a", "", p -> coords(p, "pi_a").set(0,
                new BigInteger(coords(p, "pi_a").get(0).textValue()).add(Fq.MODULUS).toString()));
    }

    @Test
    void offCurvePointsAreRefused() {
        assertProofRefused("pi_a", "not on the BN254 G1 curve", p -> bumpY(coords(p, "pi_a")));
        assertProofRefused("pi_c", "not on the BN254 G1 curve", p -> bumpY(coords(p, "pi_c")));
        assertProofRefused("pi_b", "not on the BN254 G2 twist", p ->
                ((ArrayNode) coords(p, "pi_b").get(1)).set(0, "7"));
        assertVkRefused("vk_alpha_1", "not on the BN254 G1 curve", vk -> bumpY(coords(vk, "vk_alpha_1")));
        assertVkRefused("IC[2]", "not on the BN254 G1 curve", vk -> bumpY((ArrayNode) coords(vk, "IC").get(2)));
    }

    @Test
    void g2PointOutsideTheSubgroupIsRefused() {
        long seed = 20161130L;
        System.out.println("G2 non-subgroup point seed = " + seed);
        G2Affine bad = TwistPoints.outsideSubgroup(new Random(seed));
        assertProofRefused("pi_b", "not in the order-r subgroup", p -> p.set("pi_b", g2Json(bad)));
        assertVkRefused("vk_delta_2", "not in the order-r subgroup", vk -> vk.set("vk_delta_2", g2Json(bad)));
        assertVkRefused("vk_gamma_2", "not in the order-r subgroup", vk -> vk.set("vk_gamma_2", g2Json(bad)));
        // The same point smuggled in through the Java API (unchecked factory) is refused too.
        Proof good = SnarkjsFixture.MULTIPLIER.proof();
        InvalidArtifactException e = assertThrows(InvalidArtifactException.class,
                () -> new Proof(good.a(), bad, good.c()));
        assertEquals("pi_b", e.element());
    }

    @Test
    void inconsistentKeysAreRefused() {
        assertVkRefused("IC", "expected nPublic + 1 = 4", vk -> vk.put("nPublic", 3));
        assertVkRefused("vk_alphabeta_12", "does not equal e(vk_alpha_1, vk_beta_2)", vk -> {
            ArrayNode c0 = (ArrayNode) coords(vk, "vk_alphabeta_12").get(0);
            JsonNode first = c0.get(0);
            c0.set(0, c0.get(1));
            c0.set(1, first);
        });
        assertVkRefused("vk_delta_2", "point at infinity", vk -> vk.set("vk_delta_2", MAPPER.valueToTree(
                List.of(List.of("0", "0"), List.of("1", "0"), List.of("0", "0")))));
    }

    @Test
    void nonJsonDocumentsAreRefused() {
        assertMessage("vk.json: is not valid JSON", () -> SnarkjsFiles.parseVerifyingKey("{\"protocol\": ", "vk.json"));
        assertMessage("vk.json: is not valid JSON", () -> SnarkjsFiles.parseVerifyingKey(
                SnarkjsFixture.MULTIPLIER.vkJson() + " {}", "vk.json"));
        assertMessage("p.json: is not valid JSON", () -> SnarkjsFiles.parseProof(
                "{\"pi_a\": 1, \"pi_a\": 2}", "p.json"));
        assertMessage("p.json: expected a JSON object", () -> SnarkjsFiles.parseProof("[]", "p.json"));
        assertMessage("pub.json: expected a JSON array", () -> SnarkjsFiles.parsePublicSignals("{}", "pub.json"));
        assertMessage("pub.json: [1]: ", () -> SnarkjsFiles.parsePublicSignals("[\"1\", \"012\"]", "pub.json"));
        assertMessage("pub.json: [0]: expected a decimal string",
                () -> SnarkjsFiles.parsePublicSignals("[33]", "pub.json"));
        assertMessage("pub.json: is empty", () -> SnarkjsFiles.parsePublicSignals("", "pub.json"));
    }

    @Test
    void unreducedPublicSignalsParseButDoNotVerify() {
        String r = Fr.MODULUS.toString();
        assertEquals(List.of(Fr.MODULUS), SnarkjsFiles.parsePublicSignals("[\"" + r + "\"]", "public.json"));
    }

    // ------------------------------------------------------------------ helpers

    private static void assertVkRefused(String element, String messagePart, Consumer<ObjectNode> mutation) {
        String json = mutate(SnarkjsFixture.MULTIPLIER.vkJson(), mutation);
        InvalidArtifactException e = assertThrows(InvalidArtifactException.class,
                () -> SnarkjsFiles.parseVerifyingKey(json, VK));
        assertNames(e, VK, element, messagePart);
    }

    private static void assertProofRefused(String element, String messagePart, Consumer<ObjectNode> mutation) {
        String json = mutate(SnarkjsFixture.MULTIPLIER.proofJson(), mutation);
        InvalidArtifactException e = assertThrows(InvalidArtifactException.class,
                () -> SnarkjsFiles.parseProof(json, PROOF));
        assertNames(e, PROOF, element, messagePart);
    }

    private static void assertNames(InvalidArtifactException e, String source, String element, String part) {
        assertEquals(source, e.source(), e.getMessage());
        assertEquals(element, e.element(), e.getMessage());
        assertTrue(e.getMessage().startsWith(source + ": " + element + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    private static void assertMessage(String prefix, org.junit.jupiter.api.function.Executable call) {
        InvalidArtifactException e = assertThrows(InvalidArtifactException.class, call);
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
    }

    private static String mutate(String json, Consumer<ObjectNode> mutation) {
        try {
            ObjectNode root = (ObjectNode) MAPPER.readTree(json);
            mutation.accept(root);
            return MAPPER.writeValueAsString(root);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ArrayNode coords(ObjectNode root, String field) {
        return (ArrayNode) root.get(field);
    }

    private static void bumpY(ArrayNode g1) {
        BigInteger y = new BigInteger(g1.get(1).textValue());
        g1.set(1, y.add(BigInteger.ONE).mod(Fq.MODULUS).toString());
    }

    private static JsonNode g2Json(G2Affine p) {
        return MAPPER.valueToTree(List.of(
                List.of(p.x().c0().toDecimal(), p.x().c1().toDecimal()),
                List.of(p.y().c0().toDecimal(), p.y().c1().toDecimal()),
                List.of("1", "0")));
    }
}
