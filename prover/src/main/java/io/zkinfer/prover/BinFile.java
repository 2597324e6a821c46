package io.zkinfer.prover;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Reader for the iden3 "binfile" container used by snarkjs ({@code .zkey}, {@code .ptau}):
 * a 4-byte ASCII type, a u32 version, a u32 section count, then sections, each a u32 id,
 * a u64 byte length and the body; all integers little-endian. Sections are located once and
 * read on demand, so a large {@code .ptau} is never loaded whole.
 */
final class BinFile implements AutoCloseable {

    private record Section(long position, long size) {
    }

    private final Path path;
    private final FileChannel channel;
    private final int version;
    private final Map<Integer, Section> sections = new HashMap<>();

    private BinFile(Path path, FileChannel channel, int version) {
        this.path = path;
        this.channel = channel;
        this.version = version;
    }

    /** Opens {@code path}, checks the 4-character type and maximum version, and indexes its sections. */
    static BinFile open(Path path, String type, int maxVersion) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            long fileSize = channel.size();
            ByteBuffer head = readFully(channel, 0, 12, path);
            String magic = new String(head.array(), 0, 4, StandardCharsets.ISO_8859_1);
            if (!magic.equals(type)) {
                throw new IOException(path + ": not a snarkjs ." + type + " file (magic '" + printable(magic)
                        + "', expected '" + type + "')");
            }
            int version = head.getInt(4);
            if (version < 1 || version > maxVersion) {
                throw new IOException(path + ": ." + type + " version " + version + " is not supported (supported: 1.."
                        + maxVersion + ")");
            }
            int nSections = head.getInt(8);
            BinFile file = new BinFile(path, channel, version);
            long pos = 12;
            for (int i = 0; i < nSections; i++) {
                ByteBuffer sh = readFully(channel, pos, 12, path);
                int id = sh.getInt(0);
                long size = sh.getLong(4);
                pos += 12;
                if (size < 0 || pos + size > fileSize) {
                    throw new IOException(path + ": section " + id + " claims " + size
                            + " bytes but the file is truncated (" + fileSize + " bytes)");
                }
                if (file.sections.putIfAbsent(id, new Section(pos, size)) != null) {
                    throw new IOException(path + ": section " + id + " appears twice");
                }
                pos += size;
            }
            return file;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    int version() {
        return version;
    }

    Path path() {
        return path;
    }

    boolean has(int id) {
        return sections.containsKey(id);
    }

    long size(int id) throws IOException {
        return section(id).size();
    }

    /** Reads a whole section into a little-endian buffer. */
    ByteBuffer read(int id) throws IOException {
        Section s = section(id);
        if (s.size() > Integer.MAX_VALUE - 16) {
            throw new IOException(path + ": section " + id + " is " + s.size() + " bytes, too large to load at once");
        }
        return readFully(channel, s.position(), (int) s.size(), path);
    }

    /** Reads {@code length} bytes of section {@code id} starting {@code offset} bytes into it. */
    ByteBuffer read(int id, long offset, int length) throws IOException {
        Section s = section(id);
        if (offset < 0 || length < 0 || offset + length > s.size()) {
            throw new IOException(path + ": section " + id + " has " + s.size() + " bytes; cannot read " + length
                    + " bytes at offset " + offset);
        }
        return readFully(channel, s.position() + offset, length, path);
    }

    private Section section(int id) throws IOException {
        Section s = sections.get(id);
        if (s == null) {
            throw new IOException(path + ": missing section " + id);
        }
        return s;
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length, Path path) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        long pos = position;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, pos);
            if (n < 0) {
                throw new IOException(path + ": unexpected end of file at byte " + pos);
            }
            pos += n;
        }
        buf.flip();
        return buf;
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c >= 32 && c < 127 ? c : '?');
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
