package io.zkinfer.prover.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manifest: digests follow the files, the model id is the SHA-256 of what {@code sha256sum} prints for the
 * identity files, and a manifest of another format, a newer version or an edited model id is refused.
 */
class ManifestTest {
    @TempDir Path dir;

    private static String sha256(byte[] b) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private Map<String, String> identityFiles() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        for (String name : Manifest.IDENTITY_FILES) {
            Path p = dir.resolve(name);
            Files.writeString(p, "content of " + name);
            files.put(name, Manifest.sha256(p));
        }
        return files;
    }

    @Test
    void digestIsTheFilesSha256AndChangesWithOneByte() throws Exception {
        Path p = dir.resolve("f.bin");
        byte[] bytes = "some bytes".getBytes(StandardCharsets.UTF_8);
        Files.write(p, bytes);
        assertEquals(sha256(bytes), Manifest.sha256(p));
        bytes[3] ^= 1;
        Files.write(p, bytes);
        assertEquals(sha256(bytes), Manifest.sha256(p));
        assertNotEquals(sha256("some bytes".getBytes(StandardCharsets.UTF_8)), Manifest.sha256(p));
    }

    @Test
    void modelIdIsTheSha256OfTheSha256sumListing() throws Exception {
        Map<String, String> files = identityFiles();
        StringBuilder listing = new StringBuilder();
        for (String name : List.of("model.quant.onnx", "settings.json", "circuit.json", "circuit.r1cs",
                "verification_key.json")) {
            listing.append(files.get(name)).append("  ").append(name).append('\n');
        }
        Manifest m = Manifest.of("test", "1", files);
        assertEquals(sha256(listing.toString().getBytes(StandardCharsets.UTF_8)), m.modelId());
        // proving.key is not part of the identity; without the verifying key there is no id yet.
        assertEquals(m.modelId(), m.withFiles(Map.of(ModelDirectory.PROVING_KEY, "0".repeat(64))).modelId());
        assertEquals(null, m.without(List.of(ModelDirectory.VERIFICATION_KEY)).modelId());
    }

    @Test
    void modelIdChangesWhenAnyIdentityFileChanges() throws Exception {
        Map<String, String> files = identityFiles();
        String id = Manifest.of("test", "1", files).modelId();
        for (String name : Manifest.IDENTITY_FILES) {
            Map<String, String> changed = new LinkedHashMap<>(files);
            changed.put(name, "f".repeat(64));
            assertNotEquals(id, Manifest.of("test", "1", changed).modelId(), name);
        }
    }

    @Test
    void roundTripsThroughJson() throws Exception {
        Manifest m = Manifest.of("0.1.0", "12345", identityFiles());
        m.write(dir.resolve("manifest.json"));
        assertEquals(m, Manifest.read(dir.resolve("manifest.json")));
    }

    @Test
    void refusesAnotherFormatANewerVersionAndAnEditedModelId() throws Exception {
        String json = Manifest.of("0.1.0", "12345", identityFiles()).toJson();
        IllegalArgumentException format = assertThrows(IllegalArgumentException.class,
                () -> Manifest.fromJson(json.replace("zkinfer-manifest", "zkinfer-other"), "m.json"));
        assertTrue(format.getMessage().contains("m.json is not a model directory manifest")
                && format.getMessage().contains("\"zkinfer-other\""), format.getMessage());
        IllegalArgumentException newer = assertThrows(IllegalArgumentException.class,
                () -> Manifest.fromJson(json.replace("\"version\" : 1", "\"version\" : 2"), "m.json"));
        assertTrue(newer.getMessage().contains("zkinfer-manifest version 2 is not supported")
                && newer.getMessage().contains("reads version 1"), newer.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> Manifest.fromJson(json.replace("\"version\" : 1", "\"version\" : 0"), "m.json"));
        assertTrue(zero.getMessage().contains("version 0 is not supported"), zero.getMessage());
        String id = Manifest.fromJson(json, "m.json").modelId();
        IllegalArgumentException edited = assertThrows(IllegalArgumentException.class,
                () -> Manifest.fromJson(json.replace(id, "a".repeat(64)), "m.json"));
        assertTrue(edited.getMessage().contains("does not follow from the file digests"), edited.getMessage());
        assertEquals(id, Manifest.fromJson(json, "m.json").modelId()); // the twin: unedited, accepted
    }
}
