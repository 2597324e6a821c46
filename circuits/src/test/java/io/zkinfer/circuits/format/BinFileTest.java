package io.zkinfer.circuits.format;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The container read from memory and from a file on demand: same sections, same messages. */
class BinFileTest {

    private static final BinFile.Format TEST = new BinFile.Format("test", ".test", 1, 2);

    @TempDir
    Path tmp;

    /** Sections 7 (u32 5, u64 9), 3 (bytes 1..4) and, when {@code twice}, 3 again. */
    private static byte[] sample(boolean twice) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinFileWriter w = new BinFileWriter(out, "test", 2, twice ? 3 : 2);
        w.section(7, 12);
        w.u32(5);
        w.u64(9);
        w.section(3, ByteBuffer.wrap(new byte[] {1, 2, 3, 4}));
        if (twice) {
            w.section(3, ByteBuffer.wrap(new byte[] {5}));
        }
        w.finish();
        return out.toByteArray();
    }

    private BinFile openFile(byte[] bytes, String name) throws Exception {
        Path f = tmp.resolve(name);
        Files.write(f, bytes);
        return BinFile.open(f, TEST);
    }

    @Test
    void fileAndMemoryReadTheSameSections() throws Exception {
        byte[] bytes = sample(false);
        try (BinFile mem = BinFile.parse(bytes, "s.test", TEST); BinFile file = openFile(bytes, "s.test")) {
            for (BinFile f : List.of(mem, file)) {
                assertEquals(2, f.version());
                assertEquals(List.of(7, 3), f.ids());
                assertTrue(f.has(3));
                assertFalse(f.has(4));
                SectionCursor c = f.section(7, "numbers").cursor();
                assertEquals(5, c.u32("five"));
                assertEquals(9, c.u64("nine"));
                c.expectEnd();
                BinFile.Section s = f.section(3, "bytes");
                assertEquals(4, s.size());
                assertEquals(0x04030201, s.read().getInt());
                assertEquals(3, s.read(2, 1).get());
                assertTrue(s.where().endsWith("s.test: section 3 (bytes)"), s.where());
                String msg = assertThrows(InvalidFileException.class, () -> s.read(2, 3)).getMessage();
                assertTrue(msg.endsWith(": section 3 (bytes): has 4 bytes; cannot read 3 bytes at offset 2"), msg);
                msg = assertThrows(InvalidFileException.class, () -> f.section(4, "absent")).getMessage();
                assertTrue(msg.endsWith("s.test: missing section 4 (absent)"), msg);
            }
        }
    }

    @Test
    void sectionsAreViewsThatCannotChangeTheData() throws Exception {
        byte[] bytes = sample(false);
        ByteBuffer b = BinFile.parse(bytes, "s.test", TEST).section(3, "bytes").read();
        assertTrue(b.isReadOnly());
    }

    @Test
    void refusesForeignMagicVersionTruncationAndDuplicates() throws Exception {
        byte[] bytes = sample(false);
        byte[] magic = bytes.clone();
        magic[0] = 'b';
        byte[] version = bytes.clone();
        FixtureFiles.putU32(version, 4, 3);
        byte[] cut = Arrays.copyOf(bytes, bytes.length - 1);
        byte[] dup = sample(true);
        for (boolean onDisk : new boolean[] {false, true}) {
            String name = onDisk ? tmp.resolve("x.test").toString() : "x.test";
            assertEquals(name + ": not a .test file: magic is 'best', expected 'test'", message(magic, onDisk));
            assertEquals(name + ": unsupported .test version 3; zkinfer reads version 1 or 2", message(version, onDisk));
            assertEquals(name + ": truncated: section 3 declares 4 bytes but only 3 remain", message(cut, onDisk));
            assertEquals(name + ": not a .test file: only 5 bytes, shorter than the 12-byte binfile header",
                    message(Arrays.copyOf(bytes, 5), onDisk));
            BinFile f = onDisk ? openFile(dup, "x.test") : BinFile.parse(dup, name, TEST);
            try (f) {
                assertEquals(name + ": section 3 (bytes) appears 2 times; a .test file has it once",
                        assertThrows(InvalidFileException.class, () -> f.section(3, "bytes")).getMessage());
            }
        }
    }

    private String message(byte[] bytes, boolean onDisk) {
        return assertThrows(InvalidFileException.class,
                () -> (onDisk ? openFile(bytes, "x.test") : BinFile.parse(bytes, "x.test", TEST)).close()).getMessage();
    }
}
