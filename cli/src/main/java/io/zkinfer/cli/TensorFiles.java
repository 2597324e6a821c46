package io.zkinfer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkinfer.api.v1.DType;
import io.zkinfer.api.v1.Proof;
import io.zkinfer.api.v1.PublicSignals;
import io.zkinfer.api.v1.Tensor;
import io.zkinfer.api.v1.TensorSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The JSON files the client commands read and write, in the formats the local commands use: inputs as one object
 * keyed by input name whose values are nested arrays (the nesting gives the shape), or {@code {"samples": [...]}}
 * of such objects for calibration; outputs the same way; and proofs and public signals as snarkjs writes them.
 */
final class TensorFiles {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TensorFiles() {
  }

  /** The one input object of {@code file} as API tensors (FLOAT32). */
  static List<Tensor> readInputs(Path file) throws IOException {
    JsonNode root = JSON.readTree(file.toFile());
    if (root == null || !root.isObject() || root.has("samples")) {
      throw new UnusableInputException(file + ": expected one JSON object of input name -> nested array");
    }
    return tensors(root, file.toString());
  }

  /** The samples of a calibration file (one input object, or {@code {"samples": [...]}}). */
  static List<TensorSet> readSamples(Path file) throws IOException {
    JsonNode root = JSON.readTree(file.toFile());
    if (root == null || !root.isObject()) {
      throw new UnusableInputException(file + ": expected a JSON object");
    }
    List<TensorSet> sets = new ArrayList<>();
    if (root.has("samples")) {
      int i = 0;
      for (JsonNode sample : root.get("samples")) {
        sets.add(TensorSet.newBuilder().addAllTensors(tensors(sample, file + " sample " + i++)).build());
      }
    } else {
      sets.add(TensorSet.newBuilder().addAllTensors(tensors(root, file.toString())).build());
    }
    return sets;
  }

  private static List<Tensor> tensors(JsonNode object, String source) {
    if (!object.isObject()) {
      throw new UnusableInputException(source + ": expected an object of input name -> nested array");
    }
    List<Tensor> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals("label")) {
        continue;
      }
      Tensor.Builder t = Tensor.newBuilder().setName(e.getKey()).setDtype(DType.DTYPE_FLOAT32);
      for (JsonNode n = e.getValue(); n.isArray(); n = n.path(0)) {
        t.addShape(n.size());
      }
      flatten(e.getValue(), t, source + ": input '" + e.getKey() + "'", t.getShapeCount(), 0);
      out.add(t.build());
    }
    return out;
  }

  private static void flatten(JsonNode n, Tensor.Builder t, String where, int rank, int depth) {
    if (depth == rank) {
      if (!n.isNumber()) {
        throw new UnusableInputException(where + " holds " + n + " where a number belongs");
      }
      t.addFloatValues((float) n.asDouble());
      return;
    }
    if (!n.isArray() || n.size() != t.getShape(depth)) {
      throw new UnusableInputException(where + " is ragged: every array at depth " + depth + " must have "
          + t.getShape(depth) + " elements");
    }
    for (JsonNode child : n) {
      flatten(child, t, where, rank, depth + 1);
    }
  }

  /** {@code tensors} as one JSON object of name -> nested array, as {@code zkinfer run} prints outputs. */
  static String toJson(List<Tensor> tensors) {
    ObjectNode root = JSON.createObjectNode();
    for (Tensor t : tensors) {
      int[] at = {0};
      root.set(t.getName(), nest(t, 0, at));
    }
    return root.toPrettyString();
  }

  private static JsonNode nest(Tensor t, int depth, int[] at) {
    if (depth == t.getShapeCount()) {
      return t.getDtype() == DType.DTYPE_FLOAT32 ? JSON.getNodeFactory().numberNode(t.getFloatValues(at[0]++))
          : JSON.getNodeFactory().numberNode(t.getIntValues(at[0]++));
    }
    ArrayNode a = JSON.createArrayNode();
    for (long i = 0; i < t.getShape(depth); i++) {
      a.add(nest(t, depth + 1, at));
    }
    return a;
  }

  /** A proof in snarkjs's {@code proof.json} layout. */
  static String proofJson(Proof p) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode a = root.putArray("pi_a");
    p.getPiAList().forEach(a::add);
    ArrayNode b = root.putArray("pi_b");
    p.getPiBList().forEach(x -> b.addArray().add(x.getC0()).add(x.getC1()));
    ArrayNode c = root.putArray("pi_c");
    p.getPiCList().forEach(c::add);
    root.put("protocol", p.getProtocol());
    root.put("curve", p.getCurve());
    return root.toPrettyString();
  }

  /** Public signals in snarkjs's {@code public.json} layout. */
  static String publicJson(PublicSignals s) {
    ArrayNode a = JSON.createArrayNode();
    s.getValuesList().forEach(a::add);
    return a.toPrettyString();
  }

  /** The proof of a snarkjs {@code proof.json}, as the API carries it. */
  static Proof readProof(Path file) throws IOException {
    JsonNode n = JSON.readTree(file.toFile());
    Proof.Builder p = Proof.newBuilder().setProtocol(n.path("protocol").asText())
        .setCurve(n.path("curve").asText());
    n.path("pi_a").forEach(x -> p.addPiA(x.asText()));
    n.path("pi_b").forEach(x -> p.addPiB(io.zkinfer.api.v1.Fq2Element.newBuilder().setC0(x.path(0).asText())
        .setC1(x.path(1).asText())));
    n.path("pi_c").forEach(x -> p.addPiC(x.asText()));
    return p.build();
  }

  /** The signals of a snarkjs {@code public.json}. */
  static PublicSignals readPublic(Path file) throws IOException {
    JsonNode n = JSON.readTree(file.toFile());
    if (!n.isArray()) {
      throw new UnusableInputException(file + ": expected a JSON array of decimal strings");
    }
    PublicSignals.Builder s = PublicSignals.newBuilder();
    n.forEach(x -> s.addValues(x.asText()));
    return s.build();
  }

  static void write(Path file, String text) throws IOException {
    Files.writeString(file, text + "\n");
  }
}
