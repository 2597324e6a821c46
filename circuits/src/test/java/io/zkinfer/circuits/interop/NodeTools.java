package io.zkinfer.circuits.interop;

import io.zkinfer.algebra.testing.RepositoryRoot;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Test support: finds the pinned outside referees (circom2, snarkjs) in {@code interop/node_modules/.bin}
 * under the repository root (system property {@code zkinfer.repo.root}, set by surefire; otherwise the
 * nearest parent of the working directory holding {@code interop/package.json}) and runs them.
 *
 * <p>Tests that need the tools call {@link #assumeAvailable()}, which skips the test, printing why,
 * when node or the tools are missing. Shared with other modules through this module's test-jar.
 */
public final class NodeTools {

    /** Default limit for one tool run. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");
    private static volatile Optional<String> unavailable;

    private NodeTools() {
    }

    /** The output of one finished command. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {

        /** stdout without terminal colour codes (snarkjs colours its log lines). */
        public String plainStdout() {
            return ANSI.matcher(stdout).replaceAll("");
        }

        /** stdout and stderr together, without colour codes. */
        public String plainOutput() {
            return ANSI.matcher(stdout + stderr).replaceAll("");
        }

        /**
         * Returns this result when the exit code is 0.
         *
         * @throws AssertionError naming the command and its output otherwise
         */
        public Result requireSuccess() {
            if (exitCode != 0) {
                throw new AssertionError(String.join(" ", command) + " exited with " + exitCode + ":\n" + plainOutput());
            }
            return this;
        }
    }

    /** The repository root ({@link RepositoryRoot}). */
    public static Path repoRoot() {
        return RepositoryRoot.require();
    }

    /** {@code interop/node_modules/.bin/snarkjs}. */
    public static Path snarkjsPath() {
        return repoRoot().resolve("interop/node_modules/.bin/snarkjs");
    }

    /** {@code interop/node_modules/.bin/circom2}. */
    public static Path circom2Path() {
        return repoRoot().resolve("interop/node_modules/.bin/circom2");
    }

    /** Why the tools cannot run here, or empty when node, circom2 and snarkjs are all available. */
    public static Optional<String> unavailableReason() {
        Optional<String> r = unavailable;
        if (r == null) {
            r = probe();
            unavailable = r;
        }
        return r;
    }

    /** Whether node, circom2 and snarkjs are all available. */
    public static boolean isAvailable() {
        return unavailableReason().isEmpty();
    }

    /** Skips the calling test, printing the reason, unless node, circom2 and snarkjs are all available. */
    public static void assumeAvailable() {
        Optional<String> reason = unavailableReason();
        if (reason.isPresent()) {
            System.out.println("SKIPPED (interop): " + reason.get());
        }
        Assumptions.assumeTrue(reason.isEmpty(), () -> reason.orElse(""));
    }

    private static Optional<String> probe() {
        Path root;
        try {
            root = repoRoot();
        } catch (IllegalStateException e) {
            return Optional.of(e.getMessage());
        }
        for (Path tool : List.of(snarkjsPath(), circom2Path())) {
            if (!Files.isRegularFile(tool)) {
                return Optional.of(tool.getFileName() + " not installed (no " + root.relativize(tool)
                        + "): run interop/install.sh");
            }
        }
        try {
            Result node = run(Duration.ofSeconds(20), root, "node", "--version");
            if (node.exitCode() != 0) {
                return Optional.of("node --version exited with " + node.exitCode() + ": install Node.js 18+");
            }
        } catch (IllegalStateException e) {
            return Optional.of("node not runnable (" + e.getMessage() + "): install Node.js 18+ and run interop/install.sh");
        }
        return Optional.empty();
    }

    /** Runs snarkjs with {@code args} in {@code workDir}. */
    public static Result snarkjs(Path workDir, String... args) {
        return run(DEFAULT_TIMEOUT, workDir, prepend(snarkjsPath(), args));
    }

    /** Runs circom2 with {@code args} in {@code workDir}. */
    public static Result circom2(Path workDir, String... args) {
        return run(DEFAULT_TIMEOUT, workDir, prepend(circom2Path(), args));
    }

    /**
     * Runs {@code command} in {@code workDir}, waiting at most {@code timeout}.
     *
     * @throws IllegalStateException if it cannot start or runs past the timeout (it is then killed)
     */
    public static Result run(Duration timeout, Path workDir, String... command) {
        List<String> cmd = List.of(command);
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("zkinfer-tool", ".out");
            err = Files.createTempFile("zkinfer-tool", ".err");
            ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(cmd))
                    .directory(workDir.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            pb.environment().put("NO_COLOR", "1");
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " ran past " + timeout.toSeconds() + " s and was killed");
            }
            return new Result(cmd, p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
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

    private static String[] prepend(Path tool, String[] args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = tool.toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        return cmd;
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
