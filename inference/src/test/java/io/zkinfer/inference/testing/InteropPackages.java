package io.zkinfer.inference.testing;

import io.zkinfer.algebra.testing.RepositoryRoot;

import java.nio.file.Path;

/**
 * Where the npm packages that {@code interop/install.sh} installs live, for tests that read models or data from
 * them: {@code interop/node_modules} under the repository root, which is the system property
 * {@code zkinfer.repo.root} (set by surefire) or else the nearest parent of the working directory holding
 * {@code interop/package.json}. Tests skip, saying why, when a package is absent.
 */
public final class InteropPackages {

    private InteropPackages() {
    }

    /** The repository root, or {@code null} when neither the property nor a parent folder names one. */
    public static Path repositoryRoot() {
        return RepositoryRoot.find().orElse(null);
    }

    /** {@code interop/node_modules} of the repository root, or relative to the working directory without one. */
    public static Path nodeModules() {
        Path root = repositoryRoot();
        return (root == null ? Path.of("interop") : root.resolve("interop")).resolve("node_modules");
    }
}
