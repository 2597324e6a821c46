package io.zkinfer.inference.format;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The structural check of TorchScript archives: a legitimate one passes; each kind of damage is refused by name. */
class TorchScriptArchiveTest {

    @TempDir
    Path dir;

    private static TorchScriptFixture tiny() {
        return TorchScriptFixture.tinyLinear(new float[][] {{1, 2, 3, 4}, {5, 6, 7, 8}}, new float[] {0.5f, -0.5f});
    }

    private String refusal(byte[] archive) {
        return refusal(archive, ValidationLimits.DEFAULT);
    }

    private String refusal(byte[] archive, ValidationLimits limits) {
        Path file = write(archive);
        return assertThrows(ModelValidationException.class, () -> assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> TorchScriptArchive.validate(file, limits))).getMessage();
    }

    private Path write(byte[] bytes) {
        try {
            return Files.write(dir.resolve("model.pt"), bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertMentions(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "expected '" + p + "' in: " + message);
        }
    }

    @Test
    void theTinyLinearArchivePassesWithWhatItHolds() {
        TorchScriptArchive a = TorchScriptArchive.validate(write(tiny().bytes()), ValidationLimits.DEFAULT);
        assertEquals("tiny_linear", a.root());
        assertEquals(3, a.version());
        assertEquals(List.of("__torch__.zk.TinyLinear"), a.classes());
        assertEquals(List.of("tiny_linear/code/__torch__/zk.py"), a.codeFiles());
        assertEquals(10, a.parameters());
        assertEquals(2, a.storages().size());
        assertEquals(ModelFormat.TORCHSCRIPT, a.format());
        assertMentions(a.describe(), "TorchScript archive model.pt", "__torch__.zk.TinyLinear", "10 elements");
    }

    @Test
    void picklesAreHandedOverAsReadAndNotHeld() {
        List<String> scanned = new java.util.ArrayList<>();
        java.util.Map<String, ZipEntries.Entry> entries = ZipEntries.read(write(tiny().bytes()),
                ValidationLimits.DEFAULT, name -> true, 1 << 20,
                e -> e.name().endsWith(".pkl") && e.content().length == e.size() && scanned.add(e.name()));
        assertEquals(List.of("tiny_linear/data.pkl", "tiny_linear/constants.pkl"), scanned.stream().sorted(
                java.util.Comparator.reverseOrder()).toList());
        for (ZipEntries.Entry e : entries.values()) {
            boolean pickle = e.name().endsWith(".pkl");
            assertEquals(pickle, e.content() == null, e.name() + " content held: " + (e.content() != null));
            assertTrue(e.size() > 0 || e.name().endsWith("/"), e.name());
        }
    }

    @Test
    void missingPartsAreNamed() {
        assertMentions(refusal(tiny().remove("data.pkl").bytes()), "no tiny_linear/data.pkl");
        assertMentions(refusal(tiny().remove("constants.pkl").bytes()), "no tiny_linear/constants.pkl");
        assertMentions(refusal(tiny().remove("version").bytes()), "no tiny_linear/version");
        assertMentions(refusal(tiny().remove("code/__torch__/zk.py").bytes()), "torch.save checkpoint",
                "torch.jit.script");
        assertMentions(refusal(tiny().remove("data/1").bytes()), "storage '1'", "tiny_linear/data/1 is missing");
        assertMentions(refusal(tiny().remove("version").remove("data.pkl").text("model.json", "{}").bytes()),
                "legacy");
        assertMentions(refusal(tiny().remove("code/__torch__/zk.py")
                .text("code/__torch__/other.py", "").bytes()), "'__torch__.zk.TinyLinear'", "source");
    }

    @Test
    void aBadVersionOrByteOrderIsNamed() {
        assertMentions(refusal(tiny().text("version", "99\n").bytes()), "'99'", "versions 1 to 10");
        assertMentions(refusal(tiny().text("version", "three").bytes()), "'three'");
        assertMentions(refusal(tiny().text("byteorder", "middle").bytes()), "byteorder", "'middle'");
    }

    @Test
    void forgedStorageSizesAreRefused() {
        // data.pkl claims 2^40 floats for a storage of 32 bytes: a huge declared dimension
        byte[] data = new PickleWriter().proto(2).global(TorchScriptFixture.MODULE, TorchScriptFixture.CLASS)
                .emptyTuple().op(0x81).op('}').mark()
                .string("weight").floatTensor("0", new long[] {1L << 20, 1L << 20}, true)
                .op('u').op('b').stop().bytes();
        assertMentions(refusal(tiny().entry("data.pkl", data).bytes()), "data/0 has 32 bytes",
                "1099511627776 elements of FloatStorage");
        byte[] traversal = new PickleWriter().proto(2).mark().string("storage").global("torch", "FloatStorage")
                .string("../../etc/passwd").string("cpu").integer(1).tuple().op('Q').stop().bytes();
        assertMentions(refusal(tiny().entry("constants.pkl", traversal).bytes()), "key '../../etc/passwd'");
    }

    @Test
    void anUnsafePickleAnywhereInTheArchiveIsRefusedNamingEntryAndGlobal() {
        byte[] evil = new PickleWriter().proto(2).global("subprocess", "Popen").string("sh").op(0x85).reduce()
                .stop().bytes();
        for (String entry : List.of("data.pkl", "constants.pkl", "code/__torch__/zk.py.debug_pkl", "extra.pkl")) {
            Path file = write(tiny().entry(entry, evil).bytes());
            UnsafePickleException e = assertThrows(UnsafePickleException.class,
                    () -> TorchScriptArchive.validate(file, ValidationLimits.DEFAULT));
            assertEquals("subprocess.Popen", e.global());
            assertEquals("tiny_linear/" + entry, e.entry());
            assertMentions(e.getMessage(), "'subprocess.Popen'", "tiny_linear/" + entry);
        }
    }

    @Test
    void unsafeEntryNamesAreRefused() throws IOException {
        for (String name : List.of("../evil.py", "tiny_linear/../../evil", "/etc/passwd", "C:/x", "tiny_linear\\x",
                "tiny_linear/a\u0000b", "tiny_linear/./data.pkl")) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (ZipOutputStream z = new ZipOutputStream(b)) {
                z.putNextEntry(new ZipEntry(name));
                z.write(1);
                z.closeEntry();
            }
            assertMentions(refusal(b.toByteArray()), "entry name");
        }
        assertMentions(refusal(tiny().text("../outside", "x").bytes()), "'tiny_linear/../outside'",
                "path traversal");
    }

    @Test
    void entriesOutsideOneRootAndDuplicatesAreRefused() {
        // one entry moved under a second root folder (same name length, so the zip stays well-formed)
        assertMentions(refusal(renameRoot(tiny().bytes())), "two root folders");
        // two entries renamed to the same name in both local and central headers
        byte[] dup = tiny().text("zz1", "a").text("zz2", "b").bytes();
        String s = new String(dup, StandardCharsets.ISO_8859_1).replace("tiny_linear/zz2", "tiny_linear/zz1");
        assertMentions(refusal(s.getBytes(StandardCharsets.ISO_8859_1)), "'tiny_linear/zz1' twice");
    }

    private static byte[] renameRoot(byte[] valid) {
        String s = new String(valid, StandardCharsets.ISO_8859_1).replace("tiny_linear/version", "tiny_linea2/version");
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void zipBombsAndOversizedEntriesAreRefusedWhileInflating() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            z.putNextEntry(new ZipEntry("tiny_linear/data/0"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                z.write(zeros);
            }
            z.closeEntry();
        }
        assertTrue(b.size() < 200_000, "the bomb is small: " + b.size());
        assertMentions(refusal(b.toByteArray()), "tiny_linear/data/0", "a ratio over 100");
        ValidationLimits small = ValidationLimits.DEFAULT.withEntryBytes(1 << 20, 1 << 21);
        assertMentions(refusal(b.toByteArray(), small), "over the limit of 1048576");
    }

    @Test
    void corruptedDataFailsItsChecksum() {
        byte[] bytes = tiny().bytes();
        String s = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = s.indexOf("torch.linear");
        bytes[at] ^= 0x20;
        assertMentions(refusal(bytes), "zk.py", "CRC-32");
    }
}
