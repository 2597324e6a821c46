package io.zkinfer.inference.format;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes pickle programs opcode by opcode (protocol 2, as TorchScript's pickler emits them), so that tests can build
 * both the pickles of a legitimate TorchScript archive and hostile ones. Nothing here is ever unpickled by Java.
 */
final class PickleWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    PickleWriter proto(int version) {
        return op(0x80).raw(version);
    }

    PickleWriter op(int opcode) {
        out.write(opcode);
        return this;
    }

    PickleWriter raw(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    PickleWriter raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** GLOBAL: {@code c module\nname\n}. */
    PickleWriter global(String module, String name) {
        op('c');
        out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** BINUNICODE: a 4-byte little-endian length and UTF-8 bytes. */
    PickleWriter string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        op('X').int32(b.length);
        out.writeBytes(b);
        return this;
    }

    /** SHORT_BINUNICODE (protocol 4). */
    PickleWriter shortString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        op(0x8c).raw(b.length);
        out.writeBytes(b);
        return this;
    }

    /** BININT1, BININT2 or BININT, whichever is shortest. */
    PickleWriter integer(long v) {
        if (v >= 0 && v < 256) {
            return op('K').raw((int) v);
        }
        if (v >= 0 && v < 65536) {
            return op('M').raw((int) (v & 0xff), (int) (v >>> 8));
        }
        if (v == (int) v) {
            return op('J').int32((int) v);
        }
        op(0x8a).raw(8); // LONG1 with 8 little-endian bytes
        for (int i = 0; i < 8; i++) {
            raw((int) (v >>> (8 * i)) & 0xff);
        }
        return this;
    }

    PickleWriter int32(int v) {
        return raw(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
    }

    PickleWriter mark() {
        return op('(');
    }

    PickleWriter tuple() {
        return op('t');
    }

    PickleWriter emptyTuple() {
        return op(')');
    }

    PickleWriter reduce() {
        return op('R');
    }

    PickleWriter binput(int index) {
        return op('q').raw(index);
    }

    PickleWriter stop() {
        return op('.');
    }

    /** A tuple of ints, as TorchScript writes sizes and strides: MARK ints TUPLE. */
    PickleWriter intTuple(long... values) {
        mark();
        for (long v : values) {
            integer(v);
        }
        return tuple();
    }

    /**
     * A float tensor as TorchScript's pickler writes it: {@code torch._utils._rebuild_tensor_v2} reduced over
     * (persistent storage ('storage', torch.FloatStorage, key, 'cpu', numel), offset 0, sizes, strides, requires_grad,
     * OrderedDict()).
     */
    PickleWriter floatTensor(String storageKey, long[] sizes, boolean requiresGrad) {
        long numel = 1;
        for (long s : sizes) {
            numel *= s;
        }
        long[] strides = new long[sizes.length];
        long stride = 1;
        for (int i = sizes.length - 1; i >= 0; i--) {
            strides[i] = stride;
            stride *= sizes[i];
        }
        global("torch._utils", "_rebuild_tensor_v2").mark();
        mark().string("storage").global("torch", "FloatStorage").string(storageKey).string("cpu").integer(numel)
                .tuple().op('Q');
        integer(0).intTuple(sizes).intTuple(strides).op(requiresGrad ? 0x88 : 0x89);
        global("collections", "OrderedDict").emptyTuple().reduce();
        return tuple().reduce();
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
