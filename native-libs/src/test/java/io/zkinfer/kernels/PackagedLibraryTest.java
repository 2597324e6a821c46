package io.zkinfer.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** The checked extraction both kernel backends load their libraries through (fixtures: test resources). */
class PackagedLibraryTest {
    private static final String DIR = "/io/zkinfer/kernels/packaged/";

    @Test
    void aLibraryMatchingItsChecksumIsExtractedForTheOwnerOnly() throws IOException {
        PackagedLibrary.Extracted e = PackagedLibrary.extract(getClass(), DIR + "libgood.so", "zkinfer-test-");
        assertEquals("libgood.so", e.file().getFileName().toString());
        try (InputStream in = getClass().getResourceAsStream(DIR + "libgood.so")) {
            assertArrayEquals(in.readAllBytes(), Files.readAllBytes(e.file()));
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(e.file())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(e.file().getParent())));
        assertTrue(e.file().getParent().getFileName().toString().startsWith("zkinfer-test-"));
        PackagedLibrary.Extracted again = PackagedLibrary.extract(getClass(), DIR + "libgood.so", "zkinfer-test-");
        assertNotEquals(e.file().getParent(), again.file().getParent(), "each extraction gets a fresh directory");
    }

    @Test
    void aReplacedLibraryIsRefusedNamingBothDigests() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PackagedLibrary.extract(getClass(), DIR + "libreplaced.so", "zkinfer-test-"));
        assertTrue(e.getMessage().startsWith("checksum mismatch for " + DIR + "libreplaced.so: SHA-256 "), e.getMessage());
        assertTrue(e.getMessage().contains("but its .sha256 says "), e.getMessage());
    }

    @Test
    void aLibraryWithoutItsChecksumIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PackagedLibrary.extract(getClass(), DIR + "libunsummed.so", "zkinfer-test-"));
        assertTrue(e.getMessage().contains("packaged without its .sha256"), e.getMessage());
    }

    @Test
    void aLibraryNotPackagedIsNull() throws IOException {
        assertNull(PackagedLibrary.extract(getClass(), DIR + "libabsent.so", "zkinfer-test-"));
    }
}
