package io.zkinfer.server.grpc;

import io.grpc.stub.StreamObserver;
import io.zkinfer.algebra.field.Fr;
import io.zkinfer.api.v1.InvalidReason;
import io.zkinfer.api.v1.ModelRef;
import io.zkinfer.api.v1.VerificationServiceGrpc;
import io.zkinfer.api.v1.VerifyRequest;
import io.zkinfer.api.v1.VerifyResponse;
import io.zkinfer.server.registry.ModelRecord;
import io.zkinfer.server.registry.ModelRegistry;
import io.zkinfer.server.registry.VersionRecord;
import io.zkinfer.verifier.Groth16Verifier;
import io.zkinfer.verifier.InvalidArtifactException;
import io.zkinfer.verifier.PreparedVerifyingKey;
import io.zkinfer.verifier.Proof;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The gRPC VerificationService: checks a proof and its public signals against the verifying key of a registered
 * version, retired ones included. A proof that fails is an answer (valid false, with the reason: the pairing check,
 * a point off the curve, a signal out of range, the wrong signal count); only an unreadable request is an error.
 */
public final class VerificationGrpcService extends VerificationServiceGrpc.VerificationServiceImplBase {

    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,80}");

    private final ModelRegistry registry;
    private final ConcurrentHashMap<String, PreparedVerifyingKey> keys = new ConcurrentHashMap<>();

    public VerificationGrpcService(ModelRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void verify(VerifyRequest request, StreamObserver<VerifyResponse> response) {
        Rpcs.unary(response, () -> {
            if (!request.hasModel() || request.getModel().getModelId().isEmpty()) {
                throw ServiceException.invalid("the request names no model");
            }
            if (!request.hasProof()) {
                throw ServiceException.invalid("the request carries no proof");
            }
            ModelRecord model = registry.model(request.getModel().getModelId());
            long wanted = request.getModel().getVersion() == 0 ? model.activeVersion()
                    : request.getModel().getVersion();
            if (wanted == 0) {
                throw ServiceException.precondition("model " + model.modelId() + " has no active version; name the"
                        + " version the proof's result carried");
            }
            VersionRecord version = registry.version(model.modelId(), wanted);
            if (version.vkSha256().isEmpty()) {
                throw ServiceException.precondition(version.label() + " has no verifying key yet (it is "
                        + version.status().name().toLowerCase(Locale.ROOT) + ")");
            }
            VerifyResponse.Builder out = VerifyResponse.newBuilder().setModel(ModelRef.newBuilder()
                    .setModelId(version.modelId()).setVersion(version.version()))
                    .setVerifyingKeySha256(version.vkSha256());
            PreparedVerifyingKey key = key(version);
            List<String> given = request.getPublicSignals().getValuesList();
            if (given.size() != key.nPublic()) {
                return invalid(out, InvalidReason.INVALID_REASON_SIGNAL_COUNT_MISMATCH, "the proof carries "
                        + given.size() + " public signals but " + version.label() + " takes " + key.nPublic());
            }
            List<Fr> signals = new ArrayList<>();
            for (int i = 0; i < given.size(); i++) {
                String s = given.get(i);
                if (!DECIMAL.matcher(s).matches()) {
                    throw ServiceException.invalid("public signal " + i + " is '" + s + "'; give a canonical decimal");
                }
                BigInteger v = new BigInteger(s);
                if (v.compareTo(Fr.MODULUS) >= 0) {
                    return invalid(out, InvalidReason.INVALID_REASON_SIGNAL_OUT_OF_RANGE, "public signal " + i
                            + " is not below the scalar field modulus r");
                }
                signals.add(Fr.of(v));
            }
            Proof proof;
            try {
                proof = ProofProtos.fromProto(request.getProof());
            } catch (InvalidArtifactException e) {
                if (isCurveFault(e.problem())) {
                    return invalid(out, InvalidReason.INVALID_REASON_POINT_NOT_ON_CURVE, e.getMessage());
                }
                throw ServiceException.invalid(e.getMessage());
            }
            if (!Groth16Verifier.verify(key, signals, proof)) {
                return invalid(out, InvalidReason.INVALID_REASON_PAIRING_CHECK_FAILED, "the pairing check fails:"
                        + " this proof does not match these public signals under " + version.label() + "'s key");
            }
            return out.setValid(true).setDetail("the proof verifies under " + version.label() + "'s key").build();
        });
    }

    private static VerifyResponse invalid(VerifyResponse.Builder out, InvalidReason reason, String detail) {
        return out.setValid(false).setReason(reason).setDetail(detail).build();
    }

    private static boolean isCurveFault(String problem) {
        String p = problem.toLowerCase(Locale.ROOT);
        return p.contains("curve") || p.contains("subgroup") || p.contains("infinity") || p.contains("modulus");
    }

    private PreparedVerifyingKey key(VersionRecord version) {
        return keys.computeIfAbsent(version.modelId() + "#" + version.version() + "#" + version.vkSha256(), k -> {
            try {
                return registry.files().versionDirectory(version.modelId(), version.version()).verifyingKey()
                        .prepare();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the verifying key of " + version.label(), e);
            }
        });
    }
}
