package io.zkinfer.server.grpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkinfer.algebra.field.Fr;
import io.zkinfer.api.v1.Fq2Element;
import io.zkinfer.api.v1.PublicSignals;
import io.zkinfer.verifier.Proof;
import io.zkinfer.verifier.SnarkjsFiles;
import java.util.List;

/**
 * Proofs between the API's {@code zkinfer.v1.Proof} (the snarkjs JSON fields: projective coordinates as decimal
 * strings) and the verifier's {@link Proof}. Reading goes through the verifier's snarkjs reader, so a proof from
 * the wire gets exactly the checks a {@code proof.json} gets: decimals below the field modulus, points on the
 * curve and in the subgroup; a refusal names the element.
 */
final class ProofProtos {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProofProtos() {
    }

    static io.zkinfer.api.v1.Proof toProto(Proof proof) {
        try {
            JsonNode n = JSON.readTree(SnarkjsFiles.proofJson(proof));
            io.zkinfer.api.v1.Proof.Builder b = io.zkinfer.api.v1.Proof.newBuilder()
                    .setProtocol(n.path("protocol").asText()).setCurve(n.path("curve").asText());
            n.path("pi_a").forEach(x -> b.addPiA(x.asText()));
            n.path("pi_b").forEach(x -> b.addPiB(Fq2Element.newBuilder().setC0(x.path(0).asText())
                    .setC1(x.path(1).asText())));
            n.path("pi_c").forEach(x -> b.addPiC(x.asText()));
            return b.build();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the verifier wrote unreadable proof JSON", e);
        }
    }

    /** The proof in {@code p}; {@link IllegalArgumentException} naming the fault when it is malformed. */
    static Proof fromProto(io.zkinfer.api.v1.Proof p) {
        ObjectNode n = JSON.createObjectNode();
        ArrayNode a = n.putArray("pi_a");
        p.getPiAList().forEach(a::add);
        ArrayNode b = n.putArray("pi_b");
        p.getPiBList().forEach(x -> b.addArray().add(x.getC0()).add(x.getC1()));
        ArrayNode c = n.putArray("pi_c");
        p.getPiCList().forEach(c::add);
        n.put("protocol", p.getProtocol().isEmpty() ? SnarkjsFiles.PROTOCOL : p.getProtocol());
        n.put("curve", p.getCurve().isEmpty() ? SnarkjsFiles.CURVE : p.getCurve());
        return SnarkjsFiles.parseProof(n.toString(), "the request's proof");
    }

    static PublicSignals signals(List<Fr> signals) {
        PublicSignals.Builder b = PublicSignals.newBuilder();
        signals.forEach(s -> b.addValues(s.toDecimal()));
        return b.build();
    }
}
