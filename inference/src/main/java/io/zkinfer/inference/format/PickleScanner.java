package io.zkinfer.inference.format;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a pickle program (protocols 0 to 5) opcode by opcode on a symbolic stack, to learn which globals it imports and
 * which storages it loads, without executing anything: no class is loaded, no callable is called. Strings, integers,
 * tuples and globals are tracked as plain values, because persistent ids and {@code STACK_GLOBAL} operands are built
 * from them; every list, dict, object or call result is an opaque marker, so a self-referencing structure cannot
 * loop. The work is bounded by {@link ValidationLimits}: bytes, opcodes, stack depth and memo size; every length is
 * checked against the bytes left before anything is allocated. Malformed or truncated programs are refused with a
 * {@link ModelValidationException} naming the entry, opcode and byte offset.
 */
public final class PickleScanner {

    private static final int MAX_DECODED_STRING = 64 * 1024;
    private static final Object OPAQUE = new Object() {
        @Override
        public String toString() {
            return "<object>";
        }
    };

    private record Tuple(List<Object> items) {
    }

    private final String where;
    private final String entry;
    private final byte[] b;
    private final ValidationLimits limits;
    private final List<Object> stack = new ArrayList<>();
    private final List<Integer> marks = new ArrayList<>();
    private final Map<Long, Object> memo = new HashMap<>();
    private final List<PickleSummary.GlobalRef> globals = new ArrayList<>();
    private final List<PickleSummary.StorageRef> storages = new ArrayList<>();
    private int pos;
    private int op;

    private PickleScanner(String where, String entry, byte[] bytes, ValidationLimits limits) {
        this.where = where;
        this.entry = entry;
        this.b = bytes;
        this.limits = limits;
    }

    /**
     * Scans {@code pickle}, the archive entry {@code entry} of {@code source} (both only name it in errors, e.g.
     * {@code "TorchScript archive m.pt"} and {@code "m/data.pkl"}).
     */
    public static PickleSummary scan(String source, String entry, byte[] pickle, ValidationLimits limits) {
        String where = source + ", entry '" + entry + "'";
        if (pickle.length > limits.maxPickleBytes()) {
            throw new ModelValidationException(where + ": pickle has " + pickle.length
                    + " bytes, more than the limit of " + limits.maxPickleBytes());
        }
        return new PickleScanner(where, entry, pickle, limits).run();
    }

    private PickleSummary run() {
        int protocol = 0;
        int count = 0;
        while (true) {
            if (pos >= b.length) {
                throw fail("ends without a STOP opcode (truncated?)");
            }
            if (++count > limits.maxPickleOps()) {
                throw new ModelValidationException(where + ": pickle runs more than " + limits.maxPickleOps()
                        + " opcodes; refused");
            }
            op = pos;
            int code = b[pos++] & 0xff;
            switch (code) {
                case 0x80 -> { // PROTO
                    protocol = u8();
                    if (protocol > 5) {
                        throw fail("declares protocol " + protocol + "; protocols 0 to 5 exist");
                    }
                }
                case 0x95 -> lengthField(8); // FRAME: only a length (checked); its opcodes follow and are read
                case '.' -> { // STOP
                    if (stack.isEmpty()) {
                        throw fail("STOP with an empty stack");
                    }
                    return new PickleSummary(protocol, globals, storages, count);
                }
                case '(' -> {
                    marks.add(stack.size());
                    checkDepth();
                }
                case '0' -> pop();
                case '1' -> popMark();
                case '2' -> push(peek());
                case 'N', ')', ']', '}', 0x8f -> push(code == ')' ? new Tuple(List.of()) : code == 'N' ? null : OPAQUE);
                case 0x88, 0x89 -> push(code == 0x88);
                case 'K' -> push((long) u8());
                case 'M' -> push((long) (u8() | (u8() << 8)));
                case 'J' -> push((long) s32());
                case 'G' -> {
                    skip(8, "BINFLOAT");
                    push(OPAQUE);
                }
                case 0x8a -> push(longBytes(lengthField(1)));
                case 0x8b -> push(longBytes(lengthField(4)));
                case 'I', 'L', 'F' -> push(parseNumber(line(), code));
                case 'S', 'V' -> push(line());
                case 'P' -> persistent(line());
                case 'Q' -> persistent(pop());
                case 'X', 'T' -> push(text(lengthField(4)));
                case 'U', 0x8c -> push(text(lengthField(1)));
                case 0x8d -> push(text(lengthField(8)));
                case 'B', 0x8e, 0x96, 'C' -> {
                    int n = lengthField(code == 'B' ? 4 : code == 'C' ? 1 : 8);
                    skip(n, "bytes");
                    push(OPAQUE);
                }
                case 'c' -> { // GLOBAL module\nname\n
                    String module = line();
                    String name = line();
                    push(global(module, name, "GLOBAL"));
                }
                case 0x93 -> { // STACK_GLOBAL
                    Object name = pop();
                    Object module = pop();
                    if (!(module instanceof String m) || !(name instanceof String n)) {
                        throw new UnsafePickleException(where + ": STACK_GLOBAL at byte " + op
                                + " imports a global whose name is not a string literal (" + module + ", " + name
                                + "); what it would import cannot be checked, so the archive is refused", "?",
                                entry);
                    }
                    push(global(m, n, "STACK_GLOBAL"));
                }
                case 'i' -> { // INST module\nname\n: pops to mark and instantiates
                    String module = line();
                    String name = line();
                    global(module, name, "INST");
                    popMark();
                    push(OPAQUE);
                }
                case 'o' -> { // OBJ: class and args above a mark
                    popMark();
                    push(OPAQUE);
                }
                case 0x82, 0x83, 0x84 -> { // EXT1, EXT2, EXT4
                    long ext = code == 0x82 ? u8() : code == 0x83 ? (u8() | (u8() << 8)) : s32();
                    throw new UnsafePickleException(where + ": opcode EXT at byte " + op + " imports extension-"
                            + "registry global #" + ext + ", which cannot be checked against the allow-list; refused",
                            "extension #" + ext, entry);
                }
                case 'R' -> { // REDUCE: callable(args)
                    pop();
                    pop();
                    push(OPAQUE);
                }
                case 0x81 -> { // NEWOBJ: cls.__new__(cls, *args)
                    pop();
                    pop();
                    push(OPAQUE);
                }
                case 0x92 -> { // NEWOBJ_EX
                    pop();
                    pop();
                    pop();
                    push(OPAQUE);
                }
                case 'b' -> pop(); // BUILD: state onto the object below
                case 't' -> push(new Tuple(popMark()));
                case 0x85, 0x86, 0x87 -> {
                    int n = code - 0x84;
                    Object[] items = new Object[n];
                    for (int i = n - 1; i >= 0; i--) {
                        items[i] = pop();
                    }
                    push(new Tuple(java.util.Arrays.asList(items)));
                }
                case 'l', 'd', 0x91 -> {
                    popMark();
                    push(OPAQUE);
                }
                case 'a' -> {
                    pop();
                    peek();
                }
                case 's' -> {
                    pop();
                    pop();
                    peek();
                }
                case 'e', 'u', 0x90 -> {
                    popMark();
                    peek();
                }
                case 'g' -> push(memoGet(parseIndex(line())));
                case 'h' -> push(memoGet(u8()));
                case 'j' -> push(memoGet(s32() & 0xffffffffL));
                case 'p' -> memoPut(parseIndex(line()));
                case 'q' -> memoPut(u8());
                case 'r' -> memoPut(s32() & 0xffffffffL);
                case 0x94 -> memoPut(memo.size());
                case 0x97 -> push(OPAQUE); // NEXT_BUFFER (out-of-band data)
                case 0x98 -> peek(); // READONLY_BUFFER
                default -> throw fail(String.format("has unknown opcode 0x%02x", code));
            }
        }
    }

    private PickleSummary.GlobalRef global(String module, String name, String opcode) {
        PickleSummary.GlobalRef g = new PickleSummary.GlobalRef(module, name, opcode, op);
        globals.add(g);
        return g;
    }

    private void persistent(Object pid) {
        if (pid instanceof Tuple t && !t.items().isEmpty() && "storage".equals(t.items().get(0))) {
            List<Object> a = t.items();
            if (a.size() < 5 || !(a.get(2) instanceof String key) || !(a.get(4) instanceof Long numel) || numel < 0) {
                throw fail("has a storage persistent id that is not ('storage', type, key, location, numel): " + a);
            }
            String type = a.get(1) instanceof PickleSummary.GlobalRef g ? g.name() : String.valueOf(a.get(1));
            storages.add(new PickleSummary.StorageRef(type, key, String.valueOf(a.get(3)), numel));
        }
        push(OPAQUE);
    }

    private ModelValidationException fail(String what) {
        return new ModelValidationException(where + ": pickle " + what + " (at byte " + op + "); the archive is "
                + "corrupt or not a TorchScript archive");
    }

    private void push(Object v) {
        stack.add(v);
        checkDepth();
    }

    private void checkDepth() {
        if (stack.size() + marks.size() > limits.maxPickleStack()) {
            throw new ModelValidationException(where + ": pickle stack grows past " + limits.maxPickleStack()
                    + " entries; refused");
        }
    }

    private Object pop() {
        int floor = marks.isEmpty() ? 0 : marks.get(marks.size() - 1);
        if (stack.size() <= floor) {
            throw fail("pops from an empty stack");
        }
        return stack.remove(stack.size() - 1);
    }

    private Object peek() {
        if (stack.isEmpty()) {
            throw fail("needs a value on an empty stack");
        }
        return stack.get(stack.size() - 1);
    }

    private List<Object> popMark() {
        if (marks.isEmpty()) {
            throw fail("needs a MARK that was never set");
        }
        int from = marks.remove(marks.size() - 1);
        List<Object> tail = stack.subList(from, stack.size());
        List<Object> items = List.copyOf(new ArrayList<>(tail).stream().map(v -> v == null ? OPAQUE : v).toList());
        tail.clear();
        return items;
    }

    private Object memoGet(long index) {
        if (!memo.containsKey(index)) {
            throw fail("reads memo slot " + index + ", which was never written");
        }
        return memo.get(index);
    }

    private void memoPut(long index) {
        if (!memo.containsKey(index) && memo.size() >= limits.maxPickleStack()) {
            throw new ModelValidationException(where + ": pickle memo grows past " + limits.maxPickleStack()
                    + " entries; refused");
        }
        memo.put(index, peek());
    }

    private int u8() {
        need(1);
        return b[pos++] & 0xff;
    }

    private int s32() {
        need(4);
        int v = (b[pos] & 0xff) | (b[pos + 1] & 0xff) << 8 | (b[pos + 2] & 0xff) << 16 | (b[pos + 3] & 0xff) << 24;
        pos += 4;
        return v;
    }

    /** A little-endian unsigned length of {@code width} bytes that must fit in the bytes left. */
    private int lengthField(int width) {
        need(width);
        long n = 0;
        for (int i = 0; i < width; i++) {
            n |= (b[pos + i] & 0xffL) << (8 * i);
        }
        pos += width;
        if (Long.compareUnsigned(n, b.length - pos) > 0) {
            throw fail("declares a " + Long.toUnsignedString(n) + "-byte operand with only "
                    + (b.length - pos) + " bytes left (truncated or hostile)");
        }
        return (int) n;
    }

    private void need(int n) {
        if (b.length - pos < n) {
            throw fail("is truncated inside an opcode's argument");
        }
    }

    private void skip(int n, String what) {
        if (b.length - pos < n) {
            throw fail("is truncated inside a " + what + " argument");
        }
        pos += n;
    }

    private Object text(int n) {
        if (n > MAX_DECODED_STRING) {
            pos += n;
            return OPAQUE;
        }
        String s = decode(pos, n);
        pos += n;
        return s;
    }

    private String line() {
        int limit = Math.min(b.length, pos + MAX_DECODED_STRING);
        for (int i = pos; i < limit; i++) {
            if (b[i] == '\n') {
                String s = decode(pos, i - pos);
                pos = i + 1;
                return s;
            }
        }
        throw fail("has an argument line without a newline within " + MAX_DECODED_STRING + " bytes");
    }

    private String decode(int from, int n) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(b, from, n)).toString();
        } catch (CharacterCodingException e) {
            throw fail("has a string that is not UTF-8");
        }
    }

    private Object longBytes(int n) {
        if (n > 8) {
            skip(n, "LONG");
            return OPAQUE;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            v |= (b[pos + i] & 0xffL) << (8 * i);
        }
        if (n > 0 && n < 8 && (b[pos + n - 1] & 0x80) != 0) {
            v |= -1L << (8 * n);
        }
        pos += n;
        return v;
    }

    private Object parseNumber(String text, int code) {
        String t = code == 'L' && text.endsWith("L") ? text.substring(0, text.length() - 1) : text;
        try {
            return code == 'F' ? OPAQUE : (Object) Long.parseLong(t.trim());
        } catch (NumberFormatException e) {
            if (code == 'F' || code == 'L') {
                return OPAQUE;
            }
            throw fail("has a malformed INT argument");
        }
    }

    private long parseIndex(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw fail("has a malformed memo index");
        }
    }
}
