package io.zkinfer.circuits.format;

import io.zkinfer.algebra.field.Fr;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The iden3 "binfile" container of .r1cs, .wtns, .zkey and .ptau ({@code @iden3/binfileutils}): a 4-byte
 * ASCII magic, a u32 version, a u32 section count, then sections, each a u32 id, a u64 byte length and
 * the body; all integers little-endian. {@link #open} indexes a file's sections and reads each on demand,
 * so a large .ptau is never loaded whole; {@link #parse} reads bytes already in memory without copying.
 * Every error is an {@link InvalidFileException} naming the file and, past the header, the section.
 */
public final class BinFile implements AutoCloseable {

    /** BN254's scalar field modulus r, little-endian in 32 bytes, as the header sections store it. */
    static final byte[] BN254_R_LE = littleEndian(Fr.MODULUS);

    private static final int HEADER_BYTES = 12;

    /**
     * What a reader expects of a container.
     *
     * @param magic    the 4-character type, e.g. "r1cs"
     * @param name     the format as error messages call it, e.g. ".r1cs" or "snarkjs .zkey"
     * @param versions the versions the reader accepts
     */
    public record Format(String magic, String name, int... versions) {
        public Format {
            if (magic.getBytes(StandardCharsets.ISO_8859_1).length != 4 || versions.length == 0) {
                throw new IllegalArgumentException("a binfile format needs a 4-character magic and at least one version: '"
                        + magic + "'");
            }
            versions = versions.clone();
        }

        @Override
        public int[] versions() {
            return versions.clone();
        }
    }

    /** Where a section's body lies in the file. */
    private record Span(long position, long size) {
    }

    private final String source;
    private final Format format;
    private final byte[] data;
    private final FileChannel channel;
    private final long fileSize;
    private final Map<Integer, List<Span>> sections = new LinkedHashMap<>();
    private int version;

    private BinFile(String source, Format format, byte[] data, FileChannel channel, long fileSize) {
        this.source = source;
        this.format = format;
        this.data = data;
        this.channel = channel;
        this.fileSize = fileSize;
    }

    /**
     * Opens {@code file}, checks its magic and version and indexes its sections; bodies are read on demand.
     *
     * @throws java.nio.file.NoSuchFileException when there is no such file
     * @throws InvalidFileException              when the container is malformed
     */
    public static BinFile open(Path file, Format format) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            BinFile f = new BinFile(file.toString(), format, null, channel, channel.size());
            f.index();
            return f;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Parses a container held in memory; sections are views of {@code data}, not copies.
     *
     * @param source the file name used in messages
     */
    public static BinFile parse(byte[] data, String source, Format format) throws InvalidFileException {
        BinFile f = new BinFile(source, format, data, null, data.length);
        f.index();
        return f;
    }

    private void index() throws InvalidFileException {
        if (fileSize < HEADER_BYTES) {
            throw new InvalidFileException(source + ": not a " + format.name() + " file: only " + fileSize
                    + " bytes, shorter than the 12-byte binfile header");
        }
        ByteBuffer head = bytes(0, HEADER_BYTES, source);
        String found = new String(head.array(), head.arrayOffset(), 4, StandardCharsets.ISO_8859_1);
        if (!found.equals(format.magic())) {
            throw new InvalidFileException(source + ": not a " + format.name() + " file: magic is '" + printable(found)
                    + "', expected '" + format.magic() + "'");
        }
        version = head.getInt(4);
        if (Arrays.stream(format.versions).noneMatch(v -> v == version)) {
            throw new InvalidFileException(source + ": unsupported " + format.name() + " version "
                    + Integer.toUnsignedString(version) + "; zkinfer reads version " + versionList(format.versions));
        }
        long nSections = Integer.toUnsignedLong(head.getInt(8));
        long pos = HEADER_BYTES;
        for (long i = 0; i < nSections; i++) {
            if (pos + 12 > fileSize) {
                throw new InvalidFileException(source + ": truncated: the file declares " + nSections
                        + " sections but ends inside the header of section #" + (i + 1));
            }
            ByteBuffer sh = bytes(pos, 12, source);
            int id = sh.getInt(0);
            long length = sh.getLong(4);
            pos += 12;
            if (length < 0 || length > fileSize - pos) {
                throw new InvalidFileException(source + ": truncated: section " + Integer.toUnsignedString(id)
                        + " declares " + Long.toUnsignedString(length) + " bytes but only " + (fileSize - pos) + " remain");
            }
            sections.computeIfAbsent(id, t -> new ArrayList<>()).add(new Span(pos, length));
            pos += length;
        }
    }

    /** The file name used in messages. */
    public String source() {
        return source;
    }

    public int version() {
        return version;
    }

    public boolean has(int id) {
        return sections.containsKey(id);
    }

    /** Ids of all sections present, in file order of first appearance. */
    public List<Integer> ids() {
        return List.copyOf(sections.keySet());
    }

    /**
     * The only section {@code id}; {@code name} (e.g. "header") is used in messages.
     *
     * @throws InvalidFileException when the section is missing or appears more than once
     */
    public Section section(int id, String name) throws InvalidFileException {
        List<Span> list = sections.get(id);
        if (list == null) {
            throw new InvalidFileException(source + ": missing section " + id + " (" + name + ")");
        }
        if (list.size() > 1) {
            throw new InvalidFileException(source + ": section " + id + " (" + name + ") appears " + list.size()
                    + " times; a " + format.name() + " file has it once");
        }
        return new Section(id, list.get(0), source + ": section " + id + " (" + name + ")");
    }

    /** One section of the container; its bodies are read from the file when asked for. */
    public final class Section {
        private final int id;
        private final Span span;
        private final String where;

        private Section(int id, Span span, String where) {
            this.id = id;
            this.span = span;
            this.where = where;
        }

        public int id() {
            return id;
        }

        /** The body's length in bytes. */
        public long size() {
            return span.size();
        }

        /** "file: section id (name)", the prefix of messages about this section. */
        public String where() {
            return where;
        }

        /** The whole body as a little-endian buffer at position 0. */
        public ByteBuffer read() throws InvalidFileException {
            return whole().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
        }

        /** {@code length} bytes of the body from {@code offset}, as a little-endian buffer at position 0. */
        public ByteBuffer read(long offset, int length) throws InvalidFileException {
            if (offset < 0 || length < 0 || offset + length > span.size()) {
                throw new InvalidFileException(where + ": has " + span.size() + " bytes; cannot read " + length
                        + " bytes at offset " + offset);
            }
            return bytes(span.position() + offset, length, where).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
        }

        /** Bounds-checked reads of the whole body. */
        public SectionCursor cursor() throws InvalidFileException {
            ByteBuffer b = whole();
            int start = b.arrayOffset() + b.position();
            return new SectionCursor(b.array(), start, start + b.remaining(), where);
        }

        private ByteBuffer whole() throws InvalidFileException {
            if (span.size() > Integer.MAX_VALUE - 16) {
                throw new InvalidFileException(where + ": is " + span.size() + " bytes, too large to load at once");
            }
            return bytes(span.position(), (int) span.size(), where);
        }
    }

    /** A heap buffer over {@code length} bytes at {@code position}: a view of the data in memory, or read from the file. */
    private ByteBuffer bytes(long position, int length, String where) throws InvalidFileException {
        if (data != null) {
            return ByteBuffer.wrap(data, (int) position, length).slice().order(ByteOrder.LITTLE_ENDIAN);
        }
        ByteBuffer buf = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        long pos = position;
        try {
            while (buf.hasRemaining()) {
                int n = channel.read(buf, pos);
                if (n < 0) {
                    throw new InvalidFileException(where + ": truncated: the file ends at byte " + pos
                            + " (was it changed while open?)");
                }
                pos += n;
            }
        } catch (InvalidFileException e) {
            throw e;
        } catch (IOException e) {
            throw new InvalidFileException(where + ": cannot read " + length + " bytes at byte " + position + ": " + e, e);
        }
        return buf.flip();
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }

    static long u32(byte[] b, int off) {
        return (b[off] & 0xffL) | (b[off + 1] & 0xffL) << 8 | (b[off + 2] & 0xffL) << 16 | (b[off + 3] & 0xffL) << 24;
    }

    static long u64(byte[] b, int off) {
        return u32(b, off) | u32(b, off + 4) << 32;
    }

    /** The non-negative integer whose little-endian bytes are {@code le} (the binfile field-element layout). */
    public static BigInteger fromLittleEndian(byte[] le) {
        byte[] be = new byte[le.length + 1];
        for (int i = 0; i < le.length; i++) {
            be[le.length - i] = le[i];
        }
        return new BigInteger(be);
    }

    /** The 32 little-endian bytes of a non-negative {@code v < 2^256} (the binfile field-element layout). */
    public static byte[] littleEndian(BigInteger v) {
        byte[] out = new byte[Fr.BYTES];
        byte[] be = v.toByteArray();
        for (int i = 0; i < be.length && i < Fr.BYTES; i++) {
            out[i] = be[be.length - 1 - i];
        }
        return out;
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char ch : s.toCharArray()) {
            sb.append(ch >= 0x20 && ch < 0x7f ? String.valueOf(ch) : String.format("\\x%02x", (int) ch));
        }
        return sb.toString();
    }

    private static String versionList(int[] versions) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < versions.length; i++) {
            sb.append(i == 0 ? "" : " or ").append(versions[i]);
        }
        return sb.toString();
    }
}
