package io.zkinfer.server.diagnose;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import com.google.protobuf.InvalidProtocolBufferException;
import io.zkinfer.inference.onnx.OnnxImporter;
import io.zkinfer.inference.onnx.OnnxWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The operators of an ONNX model file, read from its {@code ModelProto} before import so that every unsupported
 * node is named at once (the importer stops at the first): each operator once, in order of first use, prefixed with
 * its domain when not the default one; and the nodes whose operator the importer refuses, by the importer's rule
 * ({@link OnnxImporter#SUPPORTED_OPERATORS} in the default domain, zkinfer's integer operators in
 * {@link OnnxWriter#QUANT_DOMAIN}, nothing else).
 *
 * @param operators   the operators used, each once
 * @param unsupported the nodes whose operator is refused
 */
record OnnxOperators(List<String> operators, List<Unsupported> unsupported) {

    /** A node with an operator the importer refuses. */
    record Unsupported(String operator, String node) {
    }

    OnnxOperators {
        operators = List.copyOf(operators);
        unsupported = List.copyOf(unsupported);
    }

    /** The operators of {@code bytes}; empty when they are not a protobuf {@code ModelProto} with a graph. */
    static Optional<OnnxOperators> read(byte[] bytes) {
        ModelProto model;
        try {
            model = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            return Optional.empty();
        }
        if (!model.hasGraph()) {
            return Optional.empty();
        }
        Set<String> operators = new LinkedHashSet<>();
        List<Unsupported> unsupported = new ArrayList<>();
        List<NodeProto> nodes = model.getGraph().getNodeList();
        for (int i = 0; i < nodes.size(); i++) {
            NodeProto n = nodes.get(i);
            String domain = n.getDomain();
            boolean defaultDomain = domain.isEmpty() || domain.equals("ai.onnx");
            String operator = defaultDomain ? n.getOpType() : domain + "." + n.getOpType();
            operators.add(operator);
            boolean supported = defaultDomain ? OnnxImporter.SUPPORTED_OPERATORS.contains(n.getOpType())
                    : domain.equals(OnnxWriter.QUANT_DOMAIN) && OnnxWriter.QUANT_DOMAIN_OPS.contains(n.getOpType());
            if (!supported) {
                unsupported.add(new Unsupported(operator, n.getName().isEmpty() ? n.getOpType() + "_" + i
                        : n.getName()));
            }
        }
        return Optional.of(new OnnxOperators(new ArrayList<>(operators), unsupported));
    }
}
