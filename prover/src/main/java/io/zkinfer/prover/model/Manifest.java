package io.zkinfer.prover.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model directory's identity ({@code manifest.json}, format {@value #FORMAT}, version {@value #VERSION}): the
 * SHA-256 of every file of the directory, the zkinfer version that wrote it, the commitment to the weights, and the
 * model id.
 *
 * <p>The {@code modelId} is the SHA-256 of the text that {@code sha256sum} prints for the {@link #IDENTITY_FILES},
 * in that order: one line {@code <sha256 hex>  <file name>\n} each (two spaces). It is present once every identity
 * file is (after {@code zkinfer setup}); it changes when the model, its quantization, the circuit or the verifying
 * key changes, so a proof's {@code output.json} names the model it was made for. From a shell:
 * <pre>(cd DIR &amp;&amp; sha256sum model.quant.onnx settings.json circuit.json circuit.r1cs verification_key.json) \
 *     | sha256sum</pre>
 *
 * <p>{@code weightsCommitment} is the PoseidonTree commitment of the model's weights (decimal) when they are hashed
 * ({@code --weights hashed}): the public signal every proof must carry. With fixed weights it is null: the weights
 * are constants of the circuit, and the verifying key stands for them.
 */
@JsonPropertyOrder({"format", "version", "zkinferVersion", "modelId", "weightsCommitment", "files"})
public record Manifest(String format, int version, String zkinferVersion, String modelId, String weightsCommitment,
                       Map<String, String> files) {

    public static final String FORMAT = "zkinfer-manifest";
    public static final int VERSION = 1;

    /** The files whose digests make the model id, in the order they are hashed. */
    public static final List<String> IDENTITY_FILES = List.of(ModelDirectory.MODEL, ModelDirectory.SETTINGS,
            ModelDirectory.CIRCUIT, ModelDirectory.R1CS, ModelDirectory.VERIFICATION_KEY);


    public Manifest {
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /** A manifest of {@code files} (name → SHA-256 hex, in order) with the model id they give. */
    public static Manifest of(String zkinferVersion, String weightsCommitment, Map<String, String> files) {
        return new Manifest(FORMAT, VERSION, zkinferVersion, modelIdOf(files).orElse(null), weightsCommitment, files);
    }

    /** This manifest with the digests of {@code updated} added or replaced, and the model id recomputed. */
    public Manifest withFiles(Map<String, String> updated) {
        Map<String, String> all = new LinkedHashMap<>(files);
        all.putAll(updated);
        return of(zkinferVersion, weightsCommitment, all);
    }

    /** This manifest without the digests of {@code names} (and so without a model id if one was an identity file). */
    public Manifest without(List<String> names) {
        Map<String, String> all = new LinkedHashMap<>(files);
        names.forEach(all::remove);
        return of(zkinferVersion, weightsCommitment, all);
    }

    /** The recorded SHA-256 of {@code name}, if the manifest lists it. */
    public Optional<String> digest(String name) {
        return Optional.ofNullable(files.get(name));
    }

    /** The model id of {@code files} as defined on this class, or empty while an identity file is missing. */
    public static Optional<String> modelIdOf(Map<String, String> files) {
        StringBuilder text = new StringBuilder();
        for (String name : IDENTITY_FILES) {
            String d = files.get(name);
            if (d == null) {
                return Optional.empty();
            }
            text.append(d).append("  ").append(name).append('\n');
        }
        return Optional.of(hex(sha256().digest(text.toString().getBytes(StandardCharsets.UTF_8))));
    }

    /** The SHA-256 of a file's bytes, in lower-case hex. */
    public static String sha256(Path file) throws IOException {
        MessageDigest md = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return hex(md.digest());
    }

    public String toJson() {
        return Versioned.toJson(this, "the manifest");
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, toJson());
    }

    /**
     * Parses a manifest; refuses another format or a version this zkinfer does not read, and a model id that does
     * not follow from the digests, naming {@code source} and what was found.
     */
    public static Manifest fromJson(String json, String source) {
        Manifest m = Versioned.fromJson(json, Manifest.class, FORMAT, VERSION, source, "a model directory manifest",
                "compile the model again with this zkinfer");
        if (m.files == null || m.files.values().stream().anyMatch(d -> d == null || !d.matches("[0-9a-f]{64}"))) {
            throw new IllegalArgumentException(source + ": \"files\" must map each file name to its SHA-256 as 64"
                    + " lower-case hex digits");
        }
        String expected = modelIdOf(m.files).orElse(null);
        if (m.modelId != null && !m.modelId.equals(expected)) {
            throw new IllegalArgumentException(source + ": \"modelId\" " + m.modelId + " does not follow from the"
                    + " file digests (they give " + expected + "); the manifest was edited");
        }
        return m;
    }

    public static Manifest read(Path file) throws IOException {
        return fromJson(Files.readString(file), file.toString());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
