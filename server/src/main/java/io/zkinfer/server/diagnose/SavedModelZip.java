package io.zkinfer.server.diagnose;

import io.zkinfer.inference.format.ModelValidationException;
import io.zkinfer.inference.format.ValidationLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A SavedModel directory sent as a zip archive, unpacked for validation without trusting the archive: every entry
 * must land inside the target directory (no absolute names, no {@code ..} escaping it, no backslashes or drive
 * letters), and the entry count, each entry's real inflated size and the total are bounded by
 * {@link ValidationLimits} and by {@code maxRatio} times the archive's size (a zip bomb's tell), counted while
 * inflating whatever the headers declare.
 */
final class SavedModelZip {

    /** The marker file of a SavedModel directory. */
    static final String MARKER = "saved_model.pb";

    /** An archive entry that would be written outside the directory it is unpacked into. */
    static final class EscapingEntryException extends ModelValidationException {
        EscapingEntryException(String message) {
            super(message);
        }
    }

    private SavedModelZip() {
    }

    /** Whether the archive holds a {@value #MARKER} (at its top or in a folder), i.e. is a SavedModel. */
    static boolean isSavedModel(Path zipFile) throws IOException {
        try (ZipFile zip = new ZipFile(zipFile.toFile())) {
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
                String name = en.nextElement().getName();
                if (name.equals(MARKER) || name.endsWith("/" + MARKER)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Unpacks {@code zipFile} into the empty directory {@code into} and returns the SavedModel directory in it (the
     * shallowest one holding {@value #MARKER}); throws {@link EscapingEntryException} for an entry that would land
     * outside {@code into}, {@link ModelValidationException} for an archive beyond the limits or without a SavedModel.
     */
    static Path extract(Path zipFile, Path into, ValidationLimits limits) throws IOException {
        Path root = into.toAbsolutePath().normalize();
        long budget = Math.min(limits.maxTotalBytes(), Math.multiplyExact(Math.max(1, Files.size(zipFile)),
                (long) limits.maxRatio()));
        long total = 0;
        try (ZipFile zip = new ZipFile(zipFile.toFile())) {
            if (zip.size() > limits.maxEntries()) {
                throw new ModelValidationException("the archive has " + zip.size() + " entries, more than the limit of "
                        + limits.maxEntries());
            }
            byte[] buffer = new byte[64 * 1024];
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
                ZipEntry entry = en.nextElement();
                Path target = target(root, entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                long size = 0;
                try (InputStream in = zip.getInputStream(entry); OutputStream out = Files.newOutputStream(target)) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        size += n;
                        total += n;
                        if (size > limits.maxEntryBytes() || total > budget) {
                            throw new ModelValidationException("the archive inflates beyond " + (size > limits
                                    .maxEntryBytes() ? limits.maxEntryBytes() + " bytes in entry '" + entry.getName()
                                    + "'" : budget + " bytes in all (" + limits.maxRatio() + " times its size)")
                                    + "; a SavedModel does not compress like that");
                        }
                        out.write(buffer, 0, n);
                    }
                }
            }
        }
        return markerDirectory(root).orElseThrow(() -> new ModelValidationException("the zip archive holds no "
                + MARKER + "; zip the SavedModel directory itself (saved_model.pb and variables/)"));
    }

    private static Path target(Path root, String name) {
        if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.contains(":")
                || name.chars().anyMatch(c -> c < 0x20)) {
            throw new EscapingEntryException("archive entry '" + printable(name) + "' has an absolute, drive or"
                    + " backslash path; zip the SavedModel with relative paths only");
        }
        Path target = root.resolve(name).normalize();
        if (!target.startsWith(root) || (target.equals(root) && !name.endsWith("/"))) {
            throw new EscapingEntryException("archive entry '" + printable(name) + "' would be written outside the"
                    + " archive's folder; an archive like this can overwrite files where it is unpacked");
        }
        return target;
    }

    private static Optional<Path> markerDirectory(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root, 4)) {
            return files.filter(p -> p.getFileName().toString().equals(MARKER) && Files.isRegularFile(p))
                    .min(Comparator.comparingInt(Path::getNameCount)).map(Path::getParent);
        }
    }

    private static String printable(String name) {
        return name.codePoints().mapToObj(c -> c < 0x20 ? "?" : Character.toString(c))
                .reduce("", String::concat);
    }
}
