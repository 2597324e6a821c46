package io.zkinfer.verifier;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the pinned snarkjs ({@code interop/node_modules/.bin/snarkjs}, installed by
 * {@code interop/install.sh}) as an outside referee. Tests call {@link #assumeAvailable()}, which skips
 * them, printing why, when Node.js or snarkjs is missing.
 */
final class SnarkjsReferee {

    private static volatile Optional<String> unavailable;

    private SnarkjsReferee() {
    }

    static Path snarkjs() {
        String root = System.getProperty("zkinfer.repo.root");
        Path base = root == null || root.isBlank() ? Path.of("").toAbsolutePath() : Path.of(root);
        for (Path p = base.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("interop/package.json"))) {
                return p.resolve("interop/node_modules/.bin/snarkjs");
            }
        }
        return base.resolve("interop/node_modules/.bin/snarkjs");
    }

    static void assumeAvailable() {
        Optional<String> reason = unavailable;
        if (reason == null) {
            reason = probe();
            unavailable = reason;
        }
        reason.ifPresent(r -> System.out.println("SKIPPED (interop): " + r));
        Optional<String> why = reason;
        Assumptions.assumeTrue(why.isEmpty(), () -> why.orElse(""));
    }

    private static Optional<String> probe() {
        if (!Files.isRegularFile(snarkjs())) {
            return Optional.of("snarkjs not installed (no interop/node_modules/.bin/snarkjs): run interop/install.sh");
        }
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return Optional.of("node --version failed: install Node.js 18+");
            }
        } catch (IOException e) {
            return Optional.of("node not runnable (" + e.getMessage() + "): install Node.js 18+");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while probing node");
        }
        return Optional.empty();
    }

    /** {@code snarkjs groth16 verify vk public proof}: true iff snarkjs exits 0 (it prints "OK!"). */
    static boolean groth16Verify(Path vk, Path pub, Path proof) {
        List<String> cmd = List.of(snarkjs().toString(), "groth16", "verify", vk.toString(), pub.toString(),
                proof.toString());
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " ran past 60 s");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() == 0 != text.contains("OK!")) {
                throw new IllegalStateException("unexpected snarkjs output (exit " + p.exitValue() + "): " + text);
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", cmd) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
