package io.zkinfer.server.registry;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.zkinfer.api.v1.AccessPolicy;
import io.zkinfer.api.v1.Pricing;
import io.zkinfer.api.v1.ServingSettings;
import io.zkinfer.api.v1.UpgradeHeader;
import io.zkinfer.server.store.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The registry's statements over the {@code models}, {@code model_versions} and {@code registry_requests} tables
 * (migration V002), each run inside the caller's transaction on {@code connection}.
 */
final class RegistryTables {

    private static final String MODEL_COLUMNS =
            "model_id, owner_account, name, description, active_version, retired, pricing, access, created_ms";
    private static final String VERSION_COLUMNS = "model_id, version, status, status_message, file_sha256, "
            + "build_spec, serving, activate_on_ready, model_digest, vk_sha256, constraints, wires, public_signals, "
            + "notes, created_ms, ready_ms";

    private final Connection c;
    private final Dialect dialect;

    RegistryTables(Connection connection, Dialect dialect) {
        this.c = connection;
        this.dialect = dialect;
    }

    void insertModel(ModelRecord m) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO models (" + MODEL_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, m.modelId());
            p.setString(2, m.owner());
            p.setString(3, m.name());
            p.setString(4, m.description());
            p.setLong(5, m.activeVersion());
            p.setInt(6, m.retired() ? 1 : 0);
            p.setString(7, encode(m.pricing()));
            p.setString(8, encode(m.access()));
            p.setLong(9, m.createdAt().toEpochMilli());
            p.executeUpdate();
        }
    }

    /** Rewrites the mutable columns of {@code m}'s row. */
    void updateModel(ModelRecord m) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE models SET description = ?, active_version = ?, "
                + "retired = ?, pricing = ?, access = ? WHERE model_id = ?")) {
            p.setString(1, m.description());
            p.setLong(2, m.activeVersion());
            p.setInt(3, m.retired() ? 1 : 0);
            p.setString(4, encode(m.pricing()));
            p.setString(5, encode(m.access()));
            p.setString(6, m.modelId());
            p.executeUpdate();
        }
    }

    /** The model {@code modelId}, its row locked for update where the database locks rows. */
    Optional<ModelRecord> model(String modelId, boolean forUpdate) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + MODEL_COLUMNS + " FROM models WHERE model_id = ?"
                + (forUpdate ? dialect.lockRows() : ""))) {
            p.setString(1, modelId);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(model(r)) : Optional.empty();
            }
        }
    }

    Optional<ModelRecord> modelByName(String owner, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + MODEL_COLUMNS
                + " FROM models WHERE owner_account = ? AND name = ?")) {
            p.setString(1, owner);
            p.setString(2, name);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(model(r)) : Optional.empty();
            }
        }
    }

    /** Up to {@code limit} models created at or after the cursor, ordered by creation time then id. */
    List<ModelRecord> models(long fromCreatedMs, String fromModelId, int limit) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + MODEL_COLUMNS + " FROM models WHERE created_ms > ? "
                + "OR (created_ms = ? AND model_id >= ?) ORDER BY created_ms, model_id LIMIT ?")) {
            p.setLong(1, fromCreatedMs);
            p.setLong(2, fromCreatedMs);
            p.setString(3, fromModelId);
            p.setInt(4, limit);
            List<ModelRecord> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(model(r));
                }
            }
            return out;
        }
    }

    void insertVersion(VersionRecord v) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO model_versions (" + VERSION_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, v.modelId());
            p.setLong(2, v.version());
            bindVersion(p, v, 3);
            p.executeUpdate();
        }
    }

    /** Rewrites every column of {@code v}'s row but its key. */
    void updateVersion(VersionRecord v) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE model_versions SET status = ?, status_message = ?, "
                + "file_sha256 = ?, build_spec = ?, serving = ?, activate_on_ready = ?, model_digest = ?, "
                + "vk_sha256 = ?, constraints = ?, wires = ?, public_signals = ?, notes = ?, created_ms = ?, "
                + "ready_ms = ? WHERE model_id = ? AND version = ?")) {
            int next = bindVersion(p, v, 1);
            p.setString(next, v.modelId());
            p.setLong(next + 1, v.version());
            p.executeUpdate();
        }
    }

    Optional<VersionRecord> version(String modelId, long version) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + VERSION_COLUMNS
                + " FROM model_versions WHERE model_id = ? AND version = ?")) {
            p.setString(1, modelId);
            p.setLong(2, version);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(version(r)) : Optional.empty();
            }
        }
    }

    /** The versions of {@code modelId}, newest first. */
    List<VersionRecord> versions(String modelId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + VERSION_COLUMNS
                + " FROM model_versions WHERE model_id = ? ORDER BY version DESC")) {
            p.setString(1, modelId);
            return versions(p);
        }
    }

    /** Every version whose build had not finished, oldest first (after a restart, they are built again). */
    List<VersionRecord> unfinishedBuilds() throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + VERSION_COLUMNS + " FROM model_versions "
                + "WHERE status IN ('PENDING', 'COMPILING', 'SETTING_UP') ORDER BY created_ms, model_id, version")) {
            return versions(p);
        }
    }

    /** The version a Deploy or Upgrade with this idempotency key created, and its request's digest. */
    Optional<PriorRequest> request(String owner, String key) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT request_sha256, model_id, version "
                + "FROM registry_requests WHERE owner_account = ? AND idempotency_key = ?")) {
            p.setString(1, owner);
            p.setString(2, key);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(new PriorRequest(r.getString(1), r.getString(2), r.getLong(3)))
                        : Optional.empty();
            }
        }
    }

    void saveRequest(String owner, String key, String requestSha256, String modelId, long version)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO registry_requests (owner_account, "
                + "idempotency_key, request_sha256, model_id, version) VALUES (?, ?, ?, ?, ?)")) {
            p.setString(1, owner);
            p.setString(2, key);
            p.setString(3, requestSha256);
            p.setString(4, modelId);
            p.setLong(5, version);
            p.executeUpdate();
        }
    }

    /** A Deploy or Upgrade recorded under an idempotency key. */
    record PriorRequest(String requestSha256, String modelId, long version) {
    }

    private List<VersionRecord> versions(PreparedStatement p) throws SQLException {
        List<VersionRecord> out = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
                out.add(version(r));
            }
        }
        return out;
    }

    private static int bindVersion(PreparedStatement p, VersionRecord v, int at) throws SQLException {
        p.setString(at, v.status().name());
        p.setString(at + 1, v.statusMessage());
        p.setString(at + 2, v.fileSha256());
        p.setString(at + 3, encode(v.buildSpec()));
        p.setString(at + 4, encode(v.serving()));
        p.setInt(at + 5, v.activateOnReady() ? 1 : 0);
        p.setString(at + 6, v.modelDigest());
        p.setString(at + 7, v.vkSha256());
        p.setLong(at + 8, v.constraints());
        p.setLong(at + 9, v.wires());
        p.setLong(at + 10, v.publicSignals());
        p.setString(at + 11, v.notes());
        p.setLong(at + 12, v.createdAt().toEpochMilli());
        p.setLong(at + 13, v.readyAt() == null ? 0 : v.readyAt().toEpochMilli());
        return at + 14;
    }

    private static ModelRecord model(ResultSet r) throws SQLException {
        return new ModelRecord(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getLong(5),
                r.getInt(6) != 0, decode(r.getString(7), Pricing.parser()),
                decode(r.getString(8), AccessPolicy.parser()), Instant.ofEpochMilli(r.getLong(9)));
    }

    private static VersionRecord version(ResultSet r) throws SQLException {
        long ready = r.getLong(16);
        return new VersionRecord(r.getString(1), r.getLong(2), VersionStatus.valueOf(r.getString(3)),
                r.getString(4), r.getString(5), decode(r.getString(6), UpgradeHeader.parser()),
                decode(r.getString(7), ServingSettings.parser()), r.getInt(8) != 0, r.getString(9), r.getString(10),
                r.getLong(11), r.getLong(12), r.getLong(13), r.getString(14), Instant.ofEpochMilli(r.getLong(15)),
                ready == 0 ? null : Instant.ofEpochMilli(ready));
    }

    private static String encode(Message m) {
        return Base64.getEncoder().encodeToString(m.toByteArray());
    }

    private static <T> T decode(String base64, Parser<T> parser) throws SQLException {
        try {
            return parser.parseFrom(Base64.getDecoder().decode(base64));
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            throw new SQLException("a registry row holds an unreadable setting: " + e.getMessage(), e);
        }
    }
}
