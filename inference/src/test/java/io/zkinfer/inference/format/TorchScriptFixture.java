package io.zkinfer.inference.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds TorchScript archives as {@code torch.jit.save} lays them out: a zip whose entries all sit in one folder
 * ({@code <name>/data.pkl}, {@code <name>/constants.pkl}, {@code <name>/version}, {@code <name>/code/__torch__/…py},
 * {@code <name>/data/<key>}), stored uncompressed. {@link #tinyLinear} is a scripted {@code y = x W^T + b} module.
 */
final class TorchScriptFixture {

    /** The class the tiny module is compiled to, and where its TorchScript source lives. */
    static final String MODULE = "__torch__.zk";
    static final String CLASS = "TinyLinear";

    static final String TINY_LINEAR_SOURCE = """
            class TinyLinear(Module):
              __parameters__ = ["weight", "bias", ]
              __buffers__ = []
              weight : Tensor
              bias : Tensor
              training : bool
              def forward(self: __torch__.zk.TinyLinear,
                x: Tensor) -> Tensor:
                return torch.linear(x, self.weight, self.bias)
            """;

    private final String root;
    private final Map<String, byte[]> entries = new LinkedHashMap<>();

    TorchScriptFixture(String root) {
        this.root = root;
    }

    /** The archive entry {@code root/name} with {@code content}; replaces an entry of that name. */
    TorchScriptFixture entry(String name, byte[] content) {
        entries.put(root + "/" + name, content);
        return this;
    }

    TorchScriptFixture text(String name, String content) {
        return entry(name, content.getBytes(StandardCharsets.UTF_8));
    }

    TorchScriptFixture remove(String name) {
        entries.remove(root + "/" + name);
        return this;
    }

    /** {@code y = x W^T + b} with W of shape [out, in], as a complete archive. */
    static TorchScriptFixture tinyLinear(float[][] weight, float[] bias) {
        int out = weight.length;
        int in = weight[0].length;
        float[] w = new float[out * in];
        for (int o = 0; o < out; o++) {
            System.arraycopy(weight[o], 0, w, o * in, in);
        }
        PickleWriter data = new PickleWriter().proto(2).global(MODULE, CLASS).binput(0).emptyTuple().op(0x81)
                .op('}').mark()
                .string("weight").floatTensor("0", new long[] {out, in}, true)
                .string("bias").floatTensor("1", new long[] {out}, true)
                .string("training").op(0x89)
                .op('u').op('b').stop();
        return new TorchScriptFixture("tiny_linear")
                .entry("data.pkl", data.bytes())
                .text("code/__torch__/zk.py", TINY_LINEAR_SOURCE)
                .entry("constants.pkl", new PickleWriter().proto(2).emptyTuple().stop().bytes())
                .text("version", "3\n")
                .entry("data/0", littleEndian(w))
                .entry("data/1", littleEndian(bias));
    }

    static byte[] littleEndian(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    /** The archive as zip bytes, every entry stored (as {@code torch.jit.save} writes them). */
    byte[] bytes() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(buffer)) {
            for (var e : entries.entrySet()) {
                ZipEntry z = new ZipEntry(e.getKey());
                z.setMethod(ZipEntry.STORED);
                z.setSize(e.getValue().length);
                CRC32 crc = new CRC32();
                crc.update(e.getValue());
                z.setCrc(crc.getValue());
                zip.putNextEntry(z);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    Path write(Path file) {
        try {
            return Files.write(file, bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
