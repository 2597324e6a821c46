package io.zkinfer.circuits.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The committed pre-built circom/snarkjs files under test resources {@code fixtures/}. */
final class FixtureFiles {

    private FixtureFiles() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = FixtureFiles.class.getClassLoader().getResourceAsStream("fixtures/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource fixtures/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Offset of the payload of the first section of {@code type}. */
    static int sectionPayload(byte[] file, int type) {
        int pos = 12;
        while (BinFile.u32(file, pos) != type) {
            pos += 12 + (int) BinFile.u64(file, pos + 4);
        }
        return pos + 12;
    }

    static void putU32(byte[] b, int off, long v) {
        for (int i = 0; i < 4; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }
}
