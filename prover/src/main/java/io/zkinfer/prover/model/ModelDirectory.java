package io.zkinfer.prover.model;

import io.zkinfer.circuits.format.R1csFile;
import io.zkinfer.circuits.r1cs.R1cs;
import io.zkinfer.inference.quant.QuantizedModel;
import io.zkinfer.prover.ProvingKey;
import io.zkinfer.prover.ProvingKeyFile;
import io.zkinfer.verifier.SnarkjsFiles;
import io.zkinfer.verifier.VerifyingKey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A compiled model on disk, the unit that {@code zkinfer setup}, {@code prove}, {@code verify} and {@code mock}
 * take:
 *
 * <pre>
 *   model.quant.onnx, settings.json   the quantized model ({@link QuantizedModel#write})      zkinfer compile
 *   circuit.json                      {@link CircuitSettings}                                 zkinfer compile
 *   circuit.r1cs                      the constraint system (circom .r1cs)                    zkinfer compile
 *   proving.key                       zkinfer's proving key ({@link ProvingKeyFile})          zkinfer setup
 *   verification_key.json             the verifying key (snarkjs JSON)                        zkinfer setup
 *   manifest.json                     {@link Manifest}: digests of all the above, model id    both
 * </pre>
 *
 * Every reader names the missing or unreadable file and the command that makes it.
 */
public final class ModelDirectory {

    public static final String MODEL = QuantizedModel.MODEL_FILE;
    public static final String SETTINGS = QuantizedModel.SETTINGS_FILE;
    public static final String CIRCUIT = "circuit.json";
    public static final String R1CS = "circuit.r1cs";
    public static final String PROVING_KEY = "proving.key";
    public static final String VERIFICATION_KEY = "verification_key.json";
    public static final String MANIFEST = "manifest.json";

    /** The files {@code zkinfer compile} writes (besides the manifest), in manifest order. */
    public static final List<String> COMPILED_FILES = List.of(MODEL, SETTINGS, CIRCUIT, R1CS);
    /** The files {@code zkinfer setup} writes (besides the manifest), in manifest order. */
    public static final List<String> KEY_FILES = List.of(PROVING_KEY, VERIFICATION_KEY);

    private final Path dir;

    private ModelDirectory(Path dir) {
        this.dir = dir;
    }

    /** The model directory at {@code dir} (nothing is read yet). */
    public static ModelDirectory at(Path dir) {
        return new ModelDirectory(dir);
    }

    public Path path() {
        return dir;
    }

    /** The path of file {@code name} in this directory. */
    public Path file(String name) {
        return dir.resolve(name);
    }

    /** The command that makes file {@code name}, for error messages. */
    static String makerOf(String name) {
        return KEY_FILES.contains(name) ? "zkinfer setup DIR" : "zkinfer compile MODEL --out DIR";
    }

    /** {@code file(name)}, which must exist; otherwise the error names it and the command that makes it. */
    public Path require(String name) throws ModelDirectoryException {
        if (!Files.isDirectory(dir)) {
            throw new ModelDirectoryException(dir + " is not a directory; make a model directory with '"
                    + makerOf(MODEL) + "'");
        }
        Path p = file(name);
        if (!Files.isRegularFile(p)) {
            throw new ModelDirectoryException(dir + " has no " + name + "; make it with '" + makerOf(name)
                    .replace("DIR", dir.toString()) + "'");
        }
        return p;
    }

    public QuantizedModel model() throws IOException {
        require(SETTINGS);
        require(MODEL);
        try {
            return QuantizedModel.read(dir);
        } catch (IOException | RuntimeException e) {
            throw invalid(MODEL, e);
        }
    }

    public CircuitSettings circuitSettings() throws IOException {
        Path p = require(CIRCUIT);
        try {
            return CircuitSettings.read(p);
        } catch (IllegalArgumentException e) {
            throw invalid(CIRCUIT, e);
        }
    }

    public R1cs r1cs() throws IOException {
        Path p = require(R1CS);
        try {
            return R1csFile.read(p);
        } catch (IOException | RuntimeException e) {
            throw invalid(R1CS, e);
        }
    }

    public ProvingKey provingKey() throws IOException {
        Path p = require(PROVING_KEY);
        try {
            return ProvingKeyFile.read(p);
        } catch (IOException | RuntimeException e) {
            throw invalid(PROVING_KEY, e);
        }
    }

    public VerifyingKey verifyingKey() throws IOException {
        Path p = require(VERIFICATION_KEY);
        try {
            return SnarkjsFiles.readVerifyingKey(p);
        } catch (IOException | RuntimeException e) {
            throw invalid(VERIFICATION_KEY, e);
        }
    }

    public Manifest manifest() throws IOException {
        Path p = require(MANIFEST);
        try {
            return Manifest.read(p);
        } catch (IllegalArgumentException e) {
            throw invalid(MANIFEST, e);
        }
    }

    private ModelDirectoryException invalid(String name, Exception cause) {
        String msg = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        String where = msg.contains(dir.toString()) ? "" : dir.resolve(name) + ": ";
        return new ModelDirectoryException(where + msg + " (remake it with '" + makerOf(name.split(" ")[0])
                .replace("DIR", dir.toString()) + "')", cause);
    }

    /**
     * Why file {@code name} does not match the manifest (missing from it, missing on disk, or another SHA-256), or
     * empty when it matches.
     */
    public Optional<String> digestMismatch(Manifest manifest, String name) throws IOException {
        Optional<String> recorded = manifest.digest(name);
        if (recorded.isEmpty()) {
            return Optional.of(MANIFEST + " lists no digest of " + name);
        }
        Path p = file(name);
        if (!Files.isRegularFile(p)) {
            return Optional.of(dir + " has no " + name);
        }
        String actual = Manifest.sha256(p);
        if (!actual.equals(recorded.get())) {
            return Optional.of(name + " was changed after it was made: its SHA-256 is " + actual + " but "
                    + MANIFEST + " records " + recorded.get());
        }
        return Optional.empty();
    }

    /** Throws naming the first of {@code names} that does not match the manifest. */
    public void requireDigests(Manifest manifest, List<String> names) throws IOException {
        for (String name : names) {
            Optional<String> why = digestMismatch(manifest, name);
            if (why.isPresent()) {
                throw new ModelDirectoryException(dir + ": " + why.get() + "; remake it with '" + makerOf(name)
                        .replace("DIR", dir.toString()) + "'");
            }
        }
    }

    /**
     * Writes what {@code zkinfer compile} makes: the quantized model, {@code settings}, {@code r1cs} and a new
     * manifest. Keys of an earlier setup no longer match the circuit, so they are deleted; returns the manifest.
     */
    public Manifest writeCompiled(QuantizedModel model, CircuitSettings settings, R1cs r1cs,
                                  String weightsCommitment) throws IOException {
        Files.createDirectories(dir);
        for (String stale : KEY_FILES) {
            Files.deleteIfExists(file(stale));
        }
        model.write(dir);
        settings.write(file(CIRCUIT));
        R1csFile.write(r1cs, file(R1CS));
        Manifest m = Manifest.of(ZkinferRelease.version(), weightsCommitment, digests(COMPILED_FILES));
        m.write(file(MANIFEST));
        return m;
    }

    /**
     * Writes what {@code zkinfer setup} makes: {@code proving.key}, {@code verification_key.json}, and the manifest
     * with their digests and the model id; returns the manifest.
     */
    public Manifest writeKeys(Manifest manifest, ProvingKey key) throws IOException {
        ProvingKeyFile.write(key, file(PROVING_KEY));
        SnarkjsFiles.writeVerifyingKey(file(VERIFICATION_KEY), key.verifyingKey());
        Manifest m = manifest.withFiles(digests(KEY_FILES));
        m.write(file(MANIFEST));
        return m;
    }

    private Map<String, String> digests(List<String> names) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String n : names) {
            out.put(n, Manifest.sha256(file(n)));
        }
        return out;
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}
