package io.zkinfer.server.diagnose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Removal of the temporary directories a check writes a model into. */
final class TempFiles {

    private static final Logger LOG = LoggerFactory.getLogger(TempFiles.class);

    private TempFiles() {
    }

    /** Deletes {@code dir} and everything under it (links are removed, never followed); logs what stays. */
    static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.warn("cannot delete the temporary file {}: {}", p, e.getMessage());
                }
            });
        } catch (IOException e) {
            LOG.warn("cannot clean up the temporary directory {}: {}", dir, e.getMessage());
        }
    }
}
