package io.zkinfer.server.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Numbered schema migrations: the files listed in {@code migration/migrations.txt} next to this class
 * ({@code V001__name.sql}, ...), applied in order, each once and in its own transaction, recorded in
 * {@code schema_migrations}. Statements are separated by a {@code ;} at the end of a line.
 */
public final class Migrations {

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    private static final String DIRECTORY = "migration/";

    private Migrations() {
    }

    /** The migration file names in the order they apply. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (String line : resource("migrations.txt").split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                names.add(name);
            }
        }
        return names;
    }

    /** Applies every migration {@code database} lacks; returns how many it applied. */
    static int apply(Database database) {
        database.inTransaction(c -> {
            lock(c, database.dialect());
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_ms BIGINT NOT NULL)");
            }
            return null;
        });
        int applied = 0;
        List<String> names = names();
        for (int i = 0; i < names.size(); i++) {
            int version = i + 1;
            String name = names.get(i);
            if (!name.startsWith(String.format("V%03d__", version)) || !name.endsWith(".sql")) {
                throw new IllegalStateException("migration " + version + " is named '" + name + "'; name it V"
                        + String.format("%03d", version) + "__WHAT.sql and list it in order in migrations.txt");
            }
            boolean done = database.inTransaction(c -> {
                lock(c, database.dialect());
                try (PreparedStatement p = c.prepareStatement("SELECT name FROM schema_migrations WHERE version = ?")) {
                    p.setInt(1, version);
                    try (ResultSet r = p.executeQuery()) {
                        if (r.next()) {
                            return true;
                        }
                    }
                }
                try (Statement s = c.createStatement()) {
                    for (String sql : statements(resource(name))) {
                        s.execute(sql);
                    }
                }
                try (PreparedStatement p = c.prepareStatement("INSERT INTO schema_migrations (version, name, applied_ms) VALUES (?, ?, ?)")) {
                    p.setInt(1, version);
                    p.setString(2, name);
                    p.setLong(3, System.currentTimeMillis());
                    p.executeUpdate();
                }
                return false;
            });
            if (!done) {
                LOG.info("applied schema migration {}", name);
                applied++;
            }
        }
        return applied;
    }

    /** Waits, on PostgreSQL, until no other node is migrating (the lock ends with the transaction). */
    private static void lock(Connection c, Dialect dialect) throws SQLException {
        String sql = dialect.migrationLock();
        if (sql != null) {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }
    }

    /** The statements of one migration file, comments removed. */
    static List<String> statements(String sql) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().strip();
                statements.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalStateException("migration ends without ';' after: " + current.toString().strip());
        }
        return statements;
    }

    private static String resource(String name) {
        try (InputStream in = Migrations.class.getResourceAsStream(DIRECTORY + name)) {
            if (in == null) {
                throw new IllegalStateException("migration resource " + DIRECTORY + name + " is missing from the server jar; rebuild it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void requireNoUnknown(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT MAX(version) FROM schema_migrations")) {
            if (r.next() && r.getInt(1) > names().size()) {
                throw new IllegalStateException("the database has schema version " + r.getInt(1) + " but this server knows "
                        + names().size() + "; run a newer zkinfer");
            }
        }
    }
}
