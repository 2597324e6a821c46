package io.zkinfer.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkinfer.algebra.codec.SnarkjsJson;
import io.zkinfer.algebra.curve.G1Affine;
import io.zkinfer.algebra.curve.G2Affine;
import io.zkinfer.algebra.field.Fq12;
import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.pairing.Pairing;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes the three JSON files snarkjs (0.7.x) uses for Groth16 over BN254 ("bn128"):
 * {@code verification_key.json}, {@code proof.json} and {@code public.json}. Writers produce the same
 * bytes snarkjs writes ({@code JSON.stringify(obj, null, 1)}, same key order, no trailing newline).
 * {@code vk_alphabeta_12} is {@link Pairing#pair}{@code (α, β)}: the algebra module's final exponentiation uses
 * the same exponent as ffjavascript ({@code m·(p¹² − 1)/r}, {@code m = 2z(6z² + 3z + 1)}), so the values agree.
 * Readers refuse a wrong protocol or curve, missing fields, malformed or unreduced decimals and bad
 * points with an {@link InvalidArtifactException} that names the file and the field; unknown extra
 * fields are ignored. Public signals are returned as integers, unchecked against r, so that
 * {@link Groth16Verifier#verify(VerifyingKey, List, Proof)} can refuse unreduced values by index.
 */
public final class SnarkjsFiles {

    /** The {@code protocol} value of Groth16 files. */
    public static final String PROTOCOL = "groth16";
    /** snarkjs's name for BN254 (alt_bn128). */
    public static final String CURVE = "bn128";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SnarkjsFiles() {
    }

    // ---------------------------------------------------------------- verification_key.json

    /** Reads a snarkjs {@code verification_key.json}; see {@link #parseVerifyingKey}. */
    public static VerifyingKey readVerifyingKey(Path file) throws IOException {
        return parseVerifyingKey(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * Parses a snarkjs verification key. Checks protocol, curve, {@code nPublic == IC.length - 1}, every
     * point, and that {@code vk_alphabeta_12} equals {@code e(vk_alpha_1, vk_beta_2)}.
     *
     * @param source names the document in error messages, e.g. the file name
     * @throws InvalidArtifactException naming {@code source} and the field at fault
     */
    public static VerifyingKey parseVerifyingKey(String json, String source) {
        SnarkjsJsonReader f = new SnarkjsJsonReader(source);
        JsonNode root = f.requireObject(f.parse(json));
        f.requireConstant(root, "protocol", PROTOCOL, "Groth16");
        f.requireConstant(root, "curve", CURVE, "BN254");
        int nPublic = f.nonNegativeInt(root, "nPublic");
        G1Affine alpha = f.g1(f.field(root, "vk_alpha_1"), "vk_alpha_1");
        G2Affine beta = f.g2(f.field(root, "vk_beta_2"), "vk_beta_2");
        G2Affine gamma = f.g2(f.field(root, "vk_gamma_2"), "vk_gamma_2");
        G2Affine delta = f.g2(f.field(root, "vk_delta_2"), "vk_delta_2");
        Fq12 alphaBeta = f.fq12(f.field(root, "vk_alphabeta_12"), "vk_alphabeta_12");
        JsonNode icNode = f.field(root, "IC");
        if (!icNode.isArray()) {
            throw new InvalidArtifactException(source, "IC", "expected an array of G1 points, found "
                    + SnarkjsJsonReader.describe(icNode));
        }
        if (icNode.size() != nPublic + 1) {
            throw new InvalidArtifactException(source, "IC", "has " + icNode.size() + " points but nPublic is "
                    + nPublic + " (expected nPublic + 1 = " + (nPublic + 1) + ")");
        }
        List<G1Affine> ic = new ArrayList<>(icNode.size());
        for (int i = 0; i < icNode.size(); i++) {
            ic.add(f.g1(icNode.get(i), "IC[" + i + "]"));
        }
        VerifyingKey vk;
        try {
            vk = new VerifyingKey(alpha, beta, gamma, delta, ic);
        } catch (InvalidArtifactException e) {
            throw new InvalidArtifactException(source, e.element(), e.problem(), e);
        }
        if (!Pairing.pair(alpha, beta).equals(alphaBeta)) {
            throw new InvalidArtifactException(source, "vk_alphabeta_12", "does not equal e(vk_alpha_1, vk_beta_2);"
                    + " the key is inconsistent (re-export it with `snarkjs zkey export verificationkey`)");
        }
        return vk;
    }

    /** The snarkjs {@code verification_key.json} text for {@code vk} (computes {@code vk_alphabeta_12}). */
    public static String verifyingKeyJson(VerifyingKey vk) {
        ObjectNode o = NODES.objectNode();
        o.put("protocol", PROTOCOL);
        o.put("curve", CURVE);
        o.put("nPublic", vk.nPublic());
        o.set("vk_alpha_1", g1(vk.alpha()));
        o.set("vk_beta_2", g2(vk.beta()));
        o.set("vk_gamma_2", g2(vk.gamma()));
        o.set("vk_delta_2", g2(vk.delta()));
        o.set("vk_alphabeta_12", nested(SnarkjsJson.fq12ToJson(Pairing.pair(vk.alpha(), vk.beta()))));
        ArrayNode ic = o.putArray("IC");
        for (G1Affine p : vk.ic()) {
            ic.add(g1(p));
        }
        return JsonStringify.stringify(o);
    }

    /** Writes {@link #verifyingKeyJson} to {@code file}. */
    public static void writeVerifyingKey(Path file, VerifyingKey vk) throws IOException {
        Files.writeString(file, verifyingKeyJson(vk), StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- proof.json

    /** Reads a snarkjs {@code proof.json}; see {@link #parseProof}. */
    public static Proof readProof(Path file) throws IOException {
        return parseProof(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * Parses a snarkjs Groth16 proof ({@code pi_a}, {@code pi_b}, {@code pi_c}, protocol, curve),
     * validating each point.
     *
     * @throws InvalidArtifactException naming {@code source} and the field at fault
     */
    public static Proof parseProof(String json, String source) {
        SnarkjsJsonReader f = new SnarkjsJsonReader(source);
        JsonNode root = f.requireObject(f.parse(json));
        f.requireConstant(root, "protocol", PROTOCOL, "Groth16");
        f.requireConstant(root, "curve", CURVE, "BN254");
        G1Affine a = f.g1(f.field(root, "pi_a"), "pi_a");
        G2Affine b = f.g2(f.field(root, "pi_b"), "pi_b");
        G1Affine c = f.g1(f.field(root, "pi_c"), "pi_c");
        return new Proof(a, b, c);
    }

    /** The snarkjs {@code proof.json} text for {@code proof}. */
    public static String proofJson(Proof proof) {
        ObjectNode o = NODES.objectNode();
        o.set("pi_a", g1(proof.a()));
        o.set("pi_b", g2(proof.b()));
        o.set("pi_c", g1(proof.c()));
        o.put("protocol", PROTOCOL);
        o.put("curve", CURVE);
        return JsonStringify.stringify(o);
    }

    /** Writes {@link #proofJson} to {@code file}. */
    public static void writeProof(Path file, Proof proof) throws IOException {
        Files.writeString(file, proofJson(proof), StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- public.json

    /** Reads a snarkjs {@code public.json}; see {@link #parsePublicSignals}. */
    public static List<BigInteger> readPublicSignals(Path file) throws IOException {
        return parsePublicSignals(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * Parses a JSON array of canonical decimal strings. Values are not range-checked here: the checked
     * {@link Groth16Verifier#verify(VerifyingKey, List, Proof)} refuses values {@code >= r} by index.
     *
     * @throws InvalidArtifactException if the text is not an array of canonical decimal strings
     */
    public static List<BigInteger> parsePublicSignals(String json, String source) {
        SnarkjsJsonReader f = new SnarkjsJsonReader(source);
        JsonNode root = f.parse(json);
        if (!root.isArray()) {
            throw new InvalidArtifactException(source, null, "expected a JSON array of decimal strings, found "
                    + SnarkjsJsonReader.describe(root));
        }
        List<BigInteger> out = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            JsonNode v = root.get(i);
            if (!v.isTextual()) {
                throw new InvalidArtifactException(source, "[" + i + "]", "expected a decimal string, found "
                        + SnarkjsJsonReader.describe(v));
            }
            try {
                out.add(PublicInputs.parseDecimal(i, v.textValue()));
            } catch (InvalidPublicInputException e) {
                throw new InvalidArtifactException(source, "[" + i + "]", e.getMessage(), e);
            }
        }
        return List.copyOf(out);
    }

    /** The snarkjs {@code public.json} text for {@code signals}. */
    public static String publicSignalsJson(List<Fr> signals) {
        ArrayNode a = NODES.arrayNode();
        for (Fr s : signals) {
            a.add(s.toDecimal());
        }
        return JsonStringify.stringify(a);
    }

    /** Writes {@link #publicSignalsJson} to {@code file}. */
    public static void writePublicSignals(Path file, List<Fr> signals) throws IOException {
        Files.writeString(file, publicSignalsJson(signals), StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- tree building

    private static ArrayNode g1(G1Affine p) {
        ArrayNode a = NODES.arrayNode();
        SnarkjsJson.g1ToJson(p).forEach(a::add);
        return a;
    }

    private static ArrayNode g2(G2Affine p) {
        return nested(SnarkjsJson.g2ToJson(p));
    }

    private static ArrayNode nested(List<?> values) {
        ArrayNode a = NODES.arrayNode();
        for (Object v : values) {
            if (v instanceof List<?> l) {
                a.add(nested(l));
            } else {
                a.add((String) v);
            }
        }
        return a;
    }
}
