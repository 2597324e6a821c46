package io.zkinfer.server.grpc;

import io.zkinfer.api.v1.CircuitStats;
import io.zkinfer.api.v1.Model;
import io.zkinfer.api.v1.ModelFormat;
import io.zkinfer.api.v1.ModelRef;
import io.zkinfer.api.v1.ModelVersion;
import io.zkinfer.api.v1.VersionStatus;
import io.zkinfer.server.registry.ModelRecord;
import io.zkinfer.server.registry.VersionRecord;
import java.util.List;

/** The registry's records as the API's {@link Model} and {@link ModelVersion}. */
final class RegistryProtos {

    private RegistryProtos() {
    }

    static Model model(ModelRecord m, List<VersionRecord> versions) {
        Model.Builder b = Model.newBuilder().setModelId(m.modelId()).setName(m.name())
                .setOwnerAccountId(m.owner()).setDescription(m.description()).setActiveVersion(m.activeVersion())
                .setRetired(m.retired()).setPricing(m.pricing()).setAccess(m.access())
                .setCreatedAt(BillingProtos.toProto(m.createdAt()));
        versions.forEach(v -> b.addVersions(version(v)));
        return b.build();
    }

    static ModelVersion version(VersionRecord v) {
        ModelVersion.Builder b = ModelVersion.newBuilder()
                .setRef(ModelRef.newBuilder().setModelId(v.modelId()).setVersion(v.version()))
                .setStatus(status(v.status())).setStatusMessage(v.statusMessage())
                .setFormat(ModelFormat.MODEL_FORMAT_ONNX).setFileSha256(v.fileSha256())
                .setVisibility(v.buildSpec().getVisibility())
                .setQuantizationBits(v.buildSpec().getQuantizationBits()).setServing(v.serving())
                .setCircuit(CircuitStats.newBuilder().setConstraints(v.constraints()).setWires(v.wires())
                        .setPublicSignals(v.publicSignals()))
                .setVerifyingKeySha256(v.vkSha256()).setCreatedAt(BillingProtos.toProto(v.createdAt()))
                .setNotes(v.notes());
        if (v.readyAt() != null) {
            b.setReadyAt(BillingProtos.toProto(v.readyAt()));
        }
        return b.build();
    }

    static VersionStatus status(io.zkinfer.server.registry.VersionStatus s) {
        return switch (s) {
            case PENDING -> VersionStatus.VERSION_STATUS_PENDING;
            case COMPILING -> VersionStatus.VERSION_STATUS_COMPILING;
            case SETTING_UP -> VersionStatus.VERSION_STATUS_SETTING_UP;
            case READY -> VersionStatus.VERSION_STATUS_READY;
            case FAILED -> VersionStatus.VERSION_STATUS_FAILED;
            case RETIRED -> VersionStatus.VERSION_STATUS_RETIRED;
        };
    }
}
