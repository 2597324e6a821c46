package io.zkinfer.circuits.interop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test support: compiles a circom source with the pinned circom2 (r1cs, wasm and sym outputs) and
 * computes witnesses with {@code snarkjs wtns calculate}. Callers first run
 * {@link NodeTools#assumeAvailable()}.
 *
 * <p>Sources come from the test classpath, e.g. {@code circom/multiplier.circom} from this module's
 * test resources (also inside its test-jar), or from a file.
 */
public final class CircomFixtures {

    private CircomFixtures() {
    }

    /** The outputs of one circom2 run. */
    public record Compiled(String name, Path dir, Path r1cs, Path wasm, Path sym) {
    }

    /** Compiles classpath resource {@code resource} (e.g. {@code "circom/multiplier.circom"}) into {@code outDir}. */
    public static Compiled compileResource(String resource, Path outDir) throws IOException {
        String fileName = resource.substring(resource.lastIndexOf('/') + 1);
        Files.createDirectories(outDir);
        Path source = outDir.resolve(fileName);
        try (InputStream in = CircomFixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource '" + resource + "' on the classpath");
            }
            Files.write(source, in.readAllBytes());
        }
        return compile(source, outDir);
    }

    /** Compiles the circom file {@code source} into {@code outDir}. */
    public static Compiled compile(Path source, Path outDir) throws IOException {
        String fileName = source.getFileName().toString();
        if (!fileName.endsWith(".circom")) {
            throw new IllegalArgumentException("circom source must end in .circom: " + source);
        }
        String name = fileName.substring(0, fileName.length() - ".circom".length());
        Files.createDirectories(outDir);
        NodeTools.circom2(outDir, source.toAbsolutePath().toString(), "--r1cs", "--wasm", "--sym",
                "-o", outDir.toAbsolutePath().toString()).requireSuccess();
        Compiled c = new Compiled(name, outDir, outDir.resolve(name + ".r1cs"),
                outDir.resolve(name + "_js").resolve(name + ".wasm"), outDir.resolve(name + ".sym"));
        for (Path p : new Path[] {c.r1cs(), c.wasm(), c.sym()}) {
            if (!Files.isRegularFile(p)) {
                throw new IllegalStateException("circom2 reported success but did not write " + p);
            }
        }
        return c;
    }

    /**
     * Computes the witness of {@code circuit} for {@code inputJson} (circom input JSON, e.g.
     * {@code {"a": "3", "b": "11"}}) with {@code snarkjs wtns calculate}, writing {@code <wtnsName>}
     * next to the circuit's outputs.
     */
    public static Path witness(Compiled circuit, String inputJson, String wtnsName) throws IOException {
        Path input = circuit.dir().resolve(wtnsName + ".input.json");
        Files.writeString(input, inputJson, StandardCharsets.UTF_8);
        Path wtns = circuit.dir().resolve(wtnsName);
        NodeTools.snarkjs(circuit.dir(), "wtns", "calculate", circuit.wasm().toString(), input.toString(),
                wtns.toString()).requireSuccess();
        return wtns;
    }
}
