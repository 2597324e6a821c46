package io.zkinfer.inference.format;

/**
 * Bounds on what format validation reads, so that hostile inputs are refused before they exhaust memory or time.
 *
 * @param maxFileBytes      largest archive file or {@code saved_model.pb} read
 * @param maxEntries        most entries in a zip archive
 * @param maxEntryBytes     largest uncompressed entry (counted while inflating, whatever the header declares)
 * @param maxTotalBytes     largest sum of uncompressed entries
 * @param maxRatio          largest uncompressed/compressed ratio of an entry over 1 MiB (a zip bomb's tell)
 * @param maxPickleBytes    largest pickle scanned
 * @param maxPickleOps      most opcodes executed symbolically in one pickle
 * @param maxPickleStack    deepest stack (values plus marks) and largest memo of one pickle
 * @param maxProtoFields    most protobuf fields read in one file
 */
public record ValidationLimits(long maxFileBytes, int maxEntries, long maxEntryBytes, long maxTotalBytes,
                               int maxRatio, int maxPickleBytes, int maxPickleOps, int maxPickleStack,
                               int maxProtoFields) {

    /**
     * 4 GiB files, 10 000 entries, 2 GiB per entry and 4 GiB in all, ratio 100, 64 MiB pickles with 4 million
     * opcodes and a stack or memo of 1 million, 4 million protobuf fields.
     */
    public static final ValidationLimits DEFAULT = new ValidationLimits(4L << 30, 10_000, 2L << 30, 4L << 30, 100,
            64 << 20, 4_000_000, 1_000_000, 4_000_000);

    public ValidationLimits {
        if (maxFileBytes <= 0 || maxEntries <= 0 || maxEntryBytes <= 0 || maxTotalBytes <= 0 || maxRatio <= 1
                || maxPickleBytes <= 0 || maxPickleOps <= 0 || maxPickleStack <= 0 || maxProtoFields <= 0) {
            throw new IllegalArgumentException("validation limits must be positive (and the ratio above 1)");
        }
    }

    /** These limits with the entry-size bounds replaced (tests use small ones). */
    public ValidationLimits withEntryBytes(long entryBytes, long totalBytes) {
        return new ValidationLimits(maxFileBytes, maxEntries, entryBytes, totalBytes, maxRatio, maxPickleBytes,
                maxPickleOps, maxPickleStack, maxProtoFields);
    }

    /** These limits with the pickle bounds replaced. */
    public ValidationLimits withPickle(int bytes, int ops, int stack) {
        return new ValidationLimits(maxFileBytes, maxEntries, maxEntryBytes, maxTotalBytes, maxRatio, bytes, ops,
                stack, maxProtoFields);
    }
}
