package io.zkinfer.algebra.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The repository root, for tests that run the pinned npm tools or read their data under {@code interop/}: the
 * system property {@code zkinfer.repo.root} (set by surefire) when given, else the nearest parent of the working
 * directory that holds {@code interop/package.json}. The one place every module's tests find it.
 */
public final class RepositoryRoot {

    private RepositoryRoot() {
    }

    /** The repository root, or empty when neither the property nor a parent folder names one. */
    public static Optional<Path> find() {
        String prop = System.getProperty("zkinfer.repo.root");
        if (prop != null && !prop.isBlank()) {
            return Optional.of(Path.of(prop).toAbsolutePath().normalize());
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("interop/package.json"))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The repository root; throws naming the fix when it cannot be found. */
    public static Path require() {
        return find().orElseThrow(() -> new IllegalStateException(
                "cannot find the repository root: set -Dzkinfer.repo.root or run from inside the repository"));
    }
}
