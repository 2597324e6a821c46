package io.zkinfer.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zkinfer.algebra.testing.RepositoryRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JNI parity check that {@code benchmarks/gpu/run.sh} compiles without Maven on a lent GPU machine, where there
 * is one try: here it must still compile from its sources ({@code benchmarks/gpu/jni/compile.sh}) and pass when run
 * on the Java backend against itself.
 */
class GpuScriptJniCheckTest {

    @Test
    void theJniCheckCompilesAndPassesOnTheJavaBackend(@TempDir Path classes) throws IOException, InterruptedException {
        Path root = RepositoryRoot.require();
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        boolean jdk = Files.isExecutable(bin.resolve("javac"));
        if (!jdk) {
            System.out.println("skipping: this JVM (" + System.getProperty("java.home") + ") has no javac");
        }
        assumeTrue(jdk, "this JVM has no javac");
        String compile = run(List.of("bash", root.resolve("benchmarks/gpu/jni/compile.sh").toString(),
                classes.toString()), bin, 0);
        String check = run(List.of(bin.resolve("java").toString(), "-cp", classes.toString(), "JniParityCheck", "7",
                "--java-against-itself"), bin, 0);
        assertTrue(check.contains("OK   QAP quotient step on 2^12 rows"), check);
        assertTrue(check.endsWith("JNI PARITY OK\n"), compile + check);
    }

    /** Runs {@code command} with {@code bin} first on the PATH; returns its output, asserting its exit status. */
    private static String run(List<String> command, Path bin, int expectedExit) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PATH", bin + java.io.File.pathSeparator + System.getenv().getOrDefault("PATH", ""));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "timed out: " + command);
        assertEquals(expectedExit, p.exitValue(), String.join(" ", command) + " printed:\n" + out);
        return out;
    }
}
