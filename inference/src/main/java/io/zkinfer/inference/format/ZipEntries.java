package io.zkinfer.inference.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads a zip archive under {@link ValidationLimits}: the entry count, safe entry names (no absolute paths, no
 * {@code ..}, no backslashes or control characters, no duplicates), and every entry inflated once, streaming, with
 * its real size counted against the per-entry and total bounds and the compression ratio, and its CRC-32 checked.
 * Only the entries the caller asks to keep are read into memory, each at most the bound it gives; a kept entry that
 * the caller's {@code consume} check takes (a pickle scanned as soon as it is read) is then dropped, so that the
 * memory held stays at one entry's bound rather than the archive's total.
 */
final class ZipEntries {

    /** One entry: its full name, real uncompressed size, and content when kept ({@code null} otherwise). */
    record Entry(String name, long size, byte[] content) {
    }

    private static final int MAX_NAME_LENGTH = 1024;
    private static final long RATIO_FLOOR = 1L << 20;

    private ZipEntries() {
    }

    /** The entries of {@code file} by name, in archive order; {@code keep} selects those whose content is held. */
    static Map<String, Entry> read(Path file, ValidationLimits limits, Predicate<String> keep, int maxKeptBytes) {
        return read(file, limits, keep, maxKeptBytes, e -> false);
    }

    /**
     * As {@link #read(Path, ValidationLimits, Predicate, int)}, handing each kept entry, once read and checked
     * against its size and CRC-32, to {@code consume}; an entry it returns {@code true} for is listed without its
     * content.
     */
    static Map<String, Entry> read(Path file, ValidationLimits limits, Predicate<String> keep, int maxKeptBytes,
                                   Predicate<Entry> consume) {
        String label = file.getFileName().toString();
        try {
            long size = Files.size(file);
            if (size > limits.maxFileBytes()) {
                throw new ModelValidationException("archive " + label + " has " + size
                        + " bytes, more than the limit of " + limits.maxFileBytes());
            }
        } catch (IOException e) {
            throw new ModelValidationException("cannot read archive " + label + ": " + e.getMessage(), e);
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.size() > limits.maxEntries()) {
                throw new ModelValidationException("archive " + label + " has " + zip.size()
                        + " entries, more than the limit of " + limits.maxEntries());
            }
            Map<String, Entry> entries = new LinkedHashMap<>();
            long total = 0;
            byte[] buffer = new byte[64 * 1024];
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
                ZipEntry z = en.nextElement();
                String name = z.getName();
                checkName(label, name);
                if (entries.containsKey(name)) {
                    throw new ModelValidationException("archive " + label + " holds entry '" + name
                            + "' twice; a tampered archive can hide content this way");
                }
                if (z.isDirectory()) {
                    entries.put(name, new Entry(name, 0, null));
                    continue;
                }
                boolean kept = keep.test(name);
                long cap = kept ? Math.min(limits.maxEntryBytes(), maxKeptBytes) : limits.maxEntryBytes();
                if (z.getSize() > cap) {
                    throw tooLarge(label, name, z.getSize(), cap);
                }
                ByteArrayOutputStream held = kept ? new ByteArrayOutputStream() : null;
                CRC32 crc = new CRC32();
                long n = 0;
                try (InputStream in = zip.getInputStream(z)) {
                    for (int r; (r = in.read(buffer)) > 0; ) {
                        n += r;
                        if (n > cap) {
                            throw tooLarge(label, name, n, cap);
                        }
                        if (total + n > limits.maxTotalBytes()) {
                            throw new ModelValidationException("archive " + label + " unpacks to more than "
                                    + limits.maxTotalBytes() + " bytes (at entry '" + name + "')");
                        }
                        crc.update(buffer, 0, r);
                        if (held != null) {
                            held.write(buffer, 0, r);
                        }
                    }
                }
                long compressed = z.getCompressedSize();
                if (n > RATIO_FLOOR && compressed > 0 && n / compressed > limits.maxRatio()) {
                    throw new ModelValidationException("archive " + label + ": entry '" + name + "' inflates "
                            + compressed + " bytes to " + n + ", a ratio over " + limits.maxRatio()
                            + " (a zip bomb?); refused");
                }
                if ((z.getSize() >= 0 && z.getSize() != n) || (z.getCrc() >= 0 && z.getCrc() != crc.getValue())) {
                    throw new ModelValidationException("archive " + label + ": entry '" + name
                            + "' does not match its header (size or CRC-32); the file is corrupt or truncated");
                }
                total += n;
                Entry entry = new Entry(name, n, held == null ? null : held.toByteArray());
                entries.put(name, held != null && consume.test(entry) ? new Entry(name, n, null) : entry);
            }
            return Collections.unmodifiableMap(entries);
        } catch (ZipException e) {
            throw new ModelValidationException("archive " + label + " is not a readable zip file ("
                    + e.getMessage() + "); it is corrupt or truncated", e);
        } catch (IOException e) {
            throw new ModelValidationException("cannot read archive " + label + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) { // malformed entry names (bad UTF-8) and other header damage
            throw new ModelValidationException("archive " + label + " has a malformed zip header: "
                    + e.getMessage(), e);
        }
    }

    private static ModelValidationException tooLarge(String label, String name, long size, long cap) {
        return new ModelValidationException("archive " + label + ": entry '" + name + "' has " + size
                + " bytes or more, over the limit of " + cap);
    }

    /** Refuses names that could escape an extraction folder or hide content. */
    static void checkName(String label, String name) {
        String why = null;
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            why = "is empty or longer than " + MAX_NAME_LENGTH + " characters";
        } else if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            why = "is an absolute path";
        } else if (name.indexOf('\\') >= 0) {
            why = "contains a backslash";
        } else if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            why = "contains a control character";
        } else {
            for (String part : name.split("/", -1)) {
                if (part.equals("..") || part.equals(".")) {
                    why = "has a '" + part + "' path segment (path traversal)";
                    break;
                }
            }
        }
        if (why != null) {
            throw new ModelValidationException("archive " + label + ": entry name '" + printable(name) + "' " + why
                    + "; refused");
        }
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 200; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return s.length() > 200 ? b + "…" : b.toString();
    }
}
