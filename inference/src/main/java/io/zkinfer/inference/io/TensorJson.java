package io.zkinfer.inference.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.zkinfer.inference.ir.Graph;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.ir.TensorInfo;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tensors as JSON: one object keyed by graph input (or output) name, each value a nested array of numbers whose
 * nesting depth is the tensor's rank and whose lengths are its dimensions (row-major), a bare number for a rank-0
 * tensor; for example {@code {"input": [[0.0, 0.5, 1.0]]}} for an input of shape {@code [1, 3]}.
 *
 * <p>Reading checks the file against the declared {@link TensorInfo}s: every declared name present once and no
 * other, the nesting depth equal to the rank, every static dimension matched, dynamic dimensions taken from the
 * data, no ragged arrays, integer values for integer types. Floating values may also be the strings
 * {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}. Errors are {@link TensorJsonException}s naming the
 * source, the key and the mismatch. Parsing streams and is bounded: at most {@link #DEFAULT_MAX_ELEMENTS} numbers
 * in all (or the limit given), at most {@link #MAX_FILE_BYTES} bytes, so a hostile file cannot exhaust memory.
 *
 * <p>Writing emits the same format: floating tensors as decimal floats (shortest form that reads back to the same
 * {@code float}; non-finite values as the strings above), integer tensors as integers.
 */
public final class TensorJson {

    /** The default bound on the numbers one file may hold: 2^26. */
    public static final long DEFAULT_MAX_ELEMENTS = 1L << 26;
    /** The largest file read: 1 GiB. */
    public static final long MAX_FILE_BYTES = 1L << 30;

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private TensorJson() {
    }

    /** The inputs of {@code graph} read from {@code file}. */
    public static Map<String, Tensor> readInputs(Path file, Graph graph) {
        return read(file, graph.inputs());
    }

    /** Tensors read from {@code file} against {@code declared}, with the default element bound. */
    public static Map<String, Tensor> read(Path file, List<TensorInfo> declared) {
        return read(file, declared, DEFAULT_MAX_ELEMENTS);
    }

    /** Tensors read from {@code file} against {@code declared}, holding at most {@code maxElements} numbers. */
    public static Map<String, Tensor> read(Path file, List<TensorInfo> declared, long maxElements) {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new TensorJsonException(file + ": " + size + " bytes, more than the limit of " + MAX_FILE_BYTES);
            }
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                return parse(r, declared, file.toString(), maxElements);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tensors parsed from the JSON text {@code json} against {@code declared}; {@code source} names it in errors. */
    public static Map<String, Tensor> parse(String json, List<TensorInfo> declared, String source) {
        try {
            return parse(new StringReader(json), declared, source, DEFAULT_MAX_ELEMENTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Tensor> parse(Reader reader, List<TensorInfo> declared, String source,
                                             long maxElements) throws IOException {
        try (JsonParser p = FACTORY.createParser(reader)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new TensorJsonException(source + ": expected a JSON object keyed by "
                        + names(declared) + ", found " + describe(p.currentToken()));
            }
            Map<String, Tensor> out = readObject(p, declared, source, new long[] {maxElements});
            if (p.nextToken() != null) {
                throw new TensorJsonException(source + ": unexpected content after the JSON object at "
                        + location(p));
            }
            return out;
        } catch (JsonProcessingException e) {
            throw malformed(source, e);
        }
    }

    /**
     * Reads one object of tensors from {@code p}, positioned on its {@code START_OBJECT}, against
     * {@code declared}; {@code budget[0]} is the number of values still allowed and is decreased. For readers of
     * files that hold several such objects (calibration samples).
     */
    public static Map<String, Tensor> readObject(JsonParser p, List<TensorInfo> declared, String source,
                                                 long[] budget) throws IOException {
        p.nextToken();
        return readFields(p, declared, source, budget);
    }

    /** Like {@link #readObject}, with {@code p} on the object's first {@code FIELD_NAME} (or its end). */
    static Map<String, Tensor> readFields(JsonParser p, List<TensorInfo> declared, String source,
                                          long[] budget) throws IOException {
        Map<String, TensorInfo> byName = new LinkedHashMap<>();
        declared.forEach(i -> byName.put(i.name(), i));
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (; p.currentToken() == JsonToken.FIELD_NAME; p.nextToken()) {
            String key = p.currentName();
            TensorInfo info = byName.get(key);
            if (info == null) {
                throw new TensorJsonException(source + ": unknown key '" + key + "'; expected " + names(declared));
            }
            if (out.containsKey(key)) {
                throw new TensorJsonException(source + ": key '" + key + "' appears twice");
            }
            p.nextToken();
            out.put(key, NestedArrayReader.read(p, info, source + ": '" + key + "'", budget));
        }
        Map<String, Tensor> ordered = new LinkedHashMap<>(); // in the declared order
        for (TensorInfo i : declared) {
            if (!out.containsKey(i.name())) {
                throw new TensorJsonException(source + ": missing key '" + i.name() + "' (" + i.type() + " "
                        + i.shape() + "); expected " + names(declared));
            }
            ordered.put(i.name(), out.get(i.name()));
        }
        return ordered;
    }

    /** Writes {@code tensors} to {@code file} in this format. */
    public static void write(Map<String, Tensor> tensors, Path file) {
        try {
            Files.writeString(file, toJson(tensors), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code tensors} in this format: one key per line, each tensor's innermost arrays on one line. */
    public static String toJson(Map<String, Tensor> tensors) {
        StringBuilder sb = new StringBuilder("{");
        int k = 0;
        for (var e : tensors.entrySet()) {
            sb.append(k++ == 0 ? "\n  \"" : ",\n  \"");
            sb.append(JsonStringEncoder.getInstance().quoteAsString(e.getKey())).append("\": ");
            Tensor t = e.getValue();
            float[] f = t.type().isFloating() ? t.floats() : null;
            long[] l = f == null ? t.longs() : null;
            appendNested(sb, t.shape(), 0, 0, f, l);
        }
        return sb.append(k == 0 ? "}\n" : "\n}\n").toString();
    }

    private static int appendNested(StringBuilder sb, long[] shape, int axis, int offset, float[] f, long[] l) {
        if (axis == shape.length) {
            if (f != null) {
                float v = f[offset];
                sb.append(Float.isFinite(v) ? Float.toString(v) : "\"" + v + "\"");
            } else {
                sb.append(l[offset]);
            }
            return offset + 1;
        }
        sb.append('[');
        int o = offset;
        for (long i = 0; i < shape[axis]; i++) {
            if (i > 0) {
                sb.append(axis == shape.length - 1 ? ", " : ",\n" + " ".repeat(axis + 4));
            }
            o = appendNested(sb, shape, axis + 1, o, f, l);
        }
        sb.append(']');
        return o;
    }

    /** The error for JSON that does not parse, with its position. */
    static TensorJsonException malformed(String source, JsonProcessingException e) {
        String why = e.getOriginalMessage().replaceAll(
                "\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)]", "line $1, column $2");
        return new TensorJsonException(source + ": malformed JSON: " + why + " at "
                + location(e.getProcessor() instanceof JsonParser jp ? jp : null), e);
    }

    static String names(List<TensorInfo> declared) {
        List<String> s = new ArrayList<>();
        declared.forEach(i -> s.add("'" + i.name() + "' " + i.shape()));
        return s.isEmpty() ? "no keys" : String.join(", ", s);
    }

    static String describe(JsonToken t) {
        if (t == null) {
            return "the end of the input";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.toString();
        };
    }

    static String location(JsonParser p) {
        if (p == null) {
            return "an unknown position";
        }
        var loc = p.currentLocation();
        return "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }
}
