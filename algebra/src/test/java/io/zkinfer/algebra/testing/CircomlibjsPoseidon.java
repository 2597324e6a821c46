package io.zkinfer.algebra.testing;

import io.zkinfer.algebra.field.Fr;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Test support: circomlib's Poseidon computed by the pinned circomlibjs ({@code interop/node_modules}, installed by
 * {@code interop/install.sh}) through {@code algebra/tools/poseidon-circomlibjs.mjs}, the outside referee of the
 * Poseidon parity tests; shared with other modules (a circuit gadget's tests) through this module's test-jar.
 *
 * <p>Tests call {@link #assumeAvailable()}, which skips them, printing why, when node or circomlibjs is missing.
 * The repository root is the system property {@code zkinfer.repo.root} (set by surefire), otherwise the nearest
 * parent of the working directory holding {@code interop/package.json}.
 */
public final class CircomlibjsPoseidon {

    private static final long TIMEOUT_SECONDS = 120;
    private static volatile Optional<String> unavailable;

    private CircomlibjsPoseidon() {
    }

    /** The repository root ({@link RepositoryRoot}). */
    public static Path repoRoot() {
        return RepositoryRoot.require();
    }

    /** {@code interop/}, whose {@code node_modules} holds circomlibjs. */
    public static Path interopDir() {
        return repoRoot().resolve("interop");
    }

    /** A script under {@code algebra/tools/}. */
    public static Path tool(String name) {
        return repoRoot().resolve("algebra").resolve("tools").resolve(name);
    }

    /** Skips the calling test, printing the reason, unless node and circomlibjs are available. */
    public static void assumeAvailable() {
        Optional<String> reason = unavailable;
        if (reason == null) {
            reason = probe();
            unavailable = reason;
        }
        reason.ifPresent(r -> System.out.println("SKIPPED (interop): " + r));
        Optional<String> why = reason;
        Assumptions.assumeTrue(why.isEmpty(), () -> why.orElse(""));
    }

    /** circomlibjs's {@code poseidon(inputs)} for each input vector, in order (one node run for all). */
    public static List<Fr> hash(List<Fr[]> inputVectors) {
        List<String> answers = ask(inputVectors.stream().map(v -> "hash " + decimals(v)).collect(Collectors.toList()));
        return answers.stream().map(Fr::fromDecimal).collect(Collectors.toList());
    }

    /**
     * zkinfer's Poseidon tree commitment ({@code io.zkinfer.algebra.hash.PoseidonTree}) of each vector of signed
     * integers, computed by circomlibjs from the tree's definition (one node run for all).
     */
    public static List<Fr> commit(List<long[]> leafVectors) {
        List<String> answers = ask(leafVectors.stream()
                .map(v -> "commit " + Arrays.stream(v).mapToObj(Long::toString).collect(Collectors.joining(" ")))
                .collect(Collectors.toList()));
        return answers.stream().map(Fr::fromDecimal).collect(Collectors.toList());
    }

    /** circomlibjs's whole state after the permutation of each state, in order (one node run for all). */
    public static List<Fr[]> permute(List<Fr[]> states) {
        List<String> answers = ask(states.stream().map(s -> "permute " + decimals(s)).collect(Collectors.toList()));
        return answers.stream()
                .map(line -> Stream.of(line.trim().split(" ")).map(Fr::fromDecimal).toArray(Fr[]::new))
                .collect(Collectors.toList());
    }

    /** Runs {@code node algebra/tools/SCRIPT interop ARGS...} and returns its stdout; fails on a non-zero exit. */
    public static String runTool(String script, String... args) {
        List<String> cmd = new ArrayList<>(List.of("node", tool(script).toString(), interopDir().toString()));
        cmd.addAll(List.of(args));
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("zkinfer-poseidon", ".out");
            err = Files.createTempFile("zkinfer-poseidon", ".err");
            Process p = new ProcessBuilder(cmd).directory(repoRoot().toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " ran past " + TIMEOUT_SECONDS + " s and was killed");
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", cmd) + " exited with " + p.exitValue() + ":\n"
                        + stdout + Files.readString(err, StandardCharsets.UTF_8));
            }
            return stdout;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", cmd) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", cmd), e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static List<String> ask(List<String> requests) {
        Path req = null;
        try {
            req = Files.createTempFile("zkinfer-poseidon", ".req");
            Files.write(req, requests, StandardCharsets.UTF_8);
            List<String> answers = runTool("poseidon-circomlibjs.mjs", req.toString()).lines()
                    .filter(l -> !l.isBlank()).collect(Collectors.toList());
            if (answers.size() != requests.size()) {
                throw new AssertionError("circomlibjs answered " + answers.size() + " of " + requests.size() + " requests");
            }
            return answers;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a circomlibjs request file: " + e.getMessage(), e);
        } finally {
            deleteQuietly(req);
        }
    }

    private static String decimals(Fr[] v) {
        return Stream.of(v).map(Fr::toDecimal).collect(Collectors.joining(" "));
    }

    private static Optional<String> probe() {
        Path root;
        try {
            root = repoRoot();
        } catch (IllegalStateException e) {
            return Optional.of(e.getMessage());
        }
        Path lib = root.resolve("interop/node_modules/circomlibjs/package.json");
        if (!Files.isRegularFile(lib)) {
            return Optional.of("circomlibjs not installed (no " + root.relativize(lib) + "): run interop/install.sh");
        }
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return Optional.of("node --version failed: install Node.js 18+");
            }
        } catch (IOException e) {
            return Optional.of("node not runnable (" + e.getMessage() + "): install Node.js 18+ and run interop/install.sh");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while probing node");
        }
        return Optional.empty();
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }
}
