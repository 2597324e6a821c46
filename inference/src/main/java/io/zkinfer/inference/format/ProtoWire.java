package io.zkinfer.inference.format;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A bounded reader of protobuf wire format over a byte range, for files whose generated classes are not on the class
 * path (TensorFlow's {@code SavedModel}). It walks fields one at a time; every length is checked against the bytes
 * left in its message before use; the caller bounds the nesting depth and the shared field budget bounds the work.
 */
final class ProtoWire {

    static final int VARINT = 0;
    static final int I64 = 1;
    static final int LEN = 2;
    static final int I32 = 5;

    /** Counts fields across every reader made for one file, so that the whole parse is bounded. */
    static final class Budget {
        private final String label;
        private long left;

        Budget(String label, long fields) {
            this.label = label;
            this.left = fields;
        }

        void spend() {
            if (--left < 0) {
                throw new ModelValidationException(label + " has more protobuf fields than the limit; refused");
            }
        }
    }

    private final String where;
    private final byte[] b;
    private final int end;
    private final Budget budget;
    private int pos;
    private int field;
    private int wireType;
    private long varint;
    private int valueFrom;
    private int valueLength;

    ProtoWire(String where, byte[] bytes, int from, int end, Budget budget) {
        this.where = where;
        this.b = bytes;
        this.pos = from;
        this.end = end;
        this.budget = budget;
    }

    /** Advances to the next field; false at the end of the message. */
    boolean next() {
        if (pos >= end) {
            return false;
        }
        budget.spend();
        long tag = readVarint();
        field = (int) (tag >>> 3);
        wireType = (int) (tag & 7);
        if (field <= 0 || tag >>> 3 > 536_870_911L) {
            throw fail("has an invalid field number " + (tag >>> 3));
        }
        switch (wireType) {
            case VARINT -> varint = readVarint();
            case I64 -> skip(8);
            case I32 -> skip(4);
            case LEN -> {
                long n = readVarint();
                if (n < 0 || n > end - pos) {
                    throw fail("declares a " + n + "-byte field " + field + " with only " + (end - pos)
                            + " bytes left (truncated or corrupt)");
                }
                valueFrom = pos;
                valueLength = (int) n;
                pos += (int) n;
            }
            default -> throw fail("uses wire type " + wireType + " (field " + field
                    + "), which protobuf 3 does not write");
        }
        return true;
    }

    int field() {
        return field;
    }

    int wireType() {
        return wireType;
    }

    long varint() {
        return varint;
    }

    /** A reader over this LEN field's bytes as a nested message; its errors name the file, then {@code part}. */
    ProtoWire message(String part) {
        expect(LEN);
        return new ProtoWire(budget.label + " " + part, b, valueFrom, valueFrom + valueLength, budget);
    }

    /** What the file is called in errors, e.g. {@code "SavedModel m: saved_model.pb"}. */
    String file() {
        return budget.label;
    }

    /** This LEN field as UTF-8 text. */
    String string() {
        expect(LEN);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(b, valueFrom, valueLength)).toString();
        } catch (CharacterCodingException e) {
            throw fail("has field " + field + " that should be a UTF-8 string but is not");
        }
    }

    void expect(int type) {
        if (wireType != type) {
            throw fail("has field " + field + " with wire type " + wireType + " where " + type + " was expected");
        }
    }

    private long readVarint() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw fail("is truncated inside a varint");
            }
            int x = b[pos++] & 0xff;
            v |= (long) (x & 0x7f) << shift;
            if ((x & 0x80) == 0) {
                return v;
            }
        }
        throw fail("has a varint longer than 10 bytes");
    }

    private void skip(int n) {
        if (end - pos < n) {
            throw fail("is truncated inside a fixed-width field");
        }
        pos += n;
    }

    private ModelValidationException fail(String what) {
        return new ModelValidationException(where + " " + what + " (at byte " + pos + ")");
    }
}
