package io.zkinfer.inference.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.zkinfer.inference.ir.Tensor;
import io.zkinfer.inference.ir.TensorInfo;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A set of input samples, optionally labelled, read from JSON: either one {@link TensorJson} object (one sample),
 * or {@code {"samples": [ {...}, {...} ], "labels": [3, 7]}} where each sample is a {@link TensorJson} object and
 * {@code labels} (optional) gives one class index per sample, for top-1 accuracy. A file whose first key names a
 * declared input (a model may have an input called {@code labels} or {@code samples}) is one sample. Bounded like
 * {@link TensorJson}: at most {@link TensorJson#DEFAULT_MAX_ELEMENTS} numbers in the whole file.
 */
public record TensorSamples(List<Map<String, Tensor>> samples, int[] labels) {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    public TensorSamples {
        samples = List.copyOf(samples);
        labels = labels == null ? null : labels.clone();
        if (labels != null && labels.length != samples.size()) {
            throw new IllegalArgumentException(labels.length + " labels for " + samples.size() + " samples");
        }
    }

    /** The labels, or {@code null} when the file gave none. */
    @Override
    public int[] labels() {
        return labels == null ? null : labels.clone();
    }

    /** Reads the samples of {@code file} against the declared inputs. */
    public static TensorSamples read(Path file, List<TensorInfo> declared) {
        String source = file.toString();
        try {
            long size = Files.size(file);
            if (size > TensorJson.MAX_FILE_BYTES) {
                throw new TensorJsonException(source + ": " + size + " bytes, more than the limit of "
                        + TensorJson.MAX_FILE_BYTES);
            }
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                 JsonParser p = FACTORY.createParser(r)) {
                return parse(p, declared, source);
            } catch (JsonProcessingException e) {
                throw TensorJson.malformed(source, e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TensorSamples parse(JsonParser p, List<TensorInfo> declared, String source) throws IOException {
        long[] budget = {TensorJson.DEFAULT_MAX_ELEMENTS};
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new TensorJsonException(source + ": expected a JSON object (one sample keyed by "
                    + TensorJson.names(declared) + ", or {\"samples\": [...], \"labels\": [...]}), found "
                    + TensorJson.describe(p.currentToken()));
        }
        boolean mayBeSet = declared.stream().noneMatch(i -> i.name().equals("samples"));
        if (!mayBeSet) {
            return new TensorSamples(List.of(TensorJson.readObject(p, declared, source, budget)), null);
        }
        // Peek at the first key: a set starts with "samples" or "labels"; anything else, or the name of a declared
        // input (a model may have an input called "labels"), is a single sample.
        JsonToken t = p.nextToken();
        String first = t == JsonToken.FIELD_NAME ? p.currentName() : null;
        if (first == null || (!first.equals("samples") && !first.equals("labels"))
                || declared.stream().anyMatch(i -> i.name().equals(first))) {
            return new TensorSamples(List.of(singleSample(p, declared, source, budget)), null);
        }
        List<Map<String, Tensor>> samples = null;
        int[] labels = null;
        while (p.currentToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            if (key.equals("samples") && samples == null) {
                samples = readSamples(p, declared, source, budget);
            } else if (key.equals("labels") && labels == null) {
                labels = readLabels(p, source, budget);
            } else {
                throw new TensorJsonException(source + ": unexpected key '" + key + "' in a sample set; expected "
                        + "\"samples\" and optionally \"labels\", each once");
            }
            p.nextToken();
        }
        if (samples == null || samples.isEmpty()) {
            throw new TensorJsonException(source + ": the sample set has no samples");
        }
        if (labels != null && labels.length != samples.size()) {
            throw new TensorJsonException(source + ": " + labels.length + " labels for " + samples.size()
                    + " samples; give one label per sample or none");
        }
        if (p.nextToken() != null) {
            throw new TensorJsonException(source + ": unexpected content after the JSON object");
        }
        return new TensorSamples(samples, labels);
    }

    /** The rest of a single-sample object whose first key has been read. */
    private static Map<String, Tensor> singleSample(JsonParser p, List<TensorInfo> declared, String source,
                                                    long[] budget) throws IOException {
        Map<String, Tensor> sample = TensorJson.readFields(p, declared, source, budget);
        if (p.nextToken() != null) {
            throw new TensorJsonException(source + ": unexpected content after the JSON object");
        }
        return sample;
    }

    private static List<Map<String, Tensor>> readSamples(JsonParser p, List<TensorInfo> declared, String source,
                                                         long[] budget) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new TensorJsonException(source + ": \"samples\" must be an array of objects, found "
                    + TensorJson.describe(p.currentToken()));
        }
        List<Map<String, Tensor>> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw new TensorJsonException(source + ": samples[" + out.size() + "] must be an object keyed by "
                        + TensorJson.names(declared) + ", found " + TensorJson.describe(p.currentToken()));
            }
            out.add(TensorJson.readObject(p, declared, source + ": samples[" + out.size() + "]", budget));
        }
        return out;
    }

    private static int[] readLabels(JsonParser p, String source, long[] budget) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new TensorJsonException(source + ": \"labels\" must be an array of class indices, found "
                    + TensorJson.describe(p.currentToken()));
        }
        List<Integer> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getLongValue() < 0
                    || p.getLongValue() > Integer.MAX_VALUE) {
                throw new TensorJsonException(source + ": labels[" + out.size() + "] must be a class index >= 0, "
                        + "found " + p.getText());
            }
            if (--budget[0] < 0) {
                throw new TensorJsonException(source + ": more values than one file may hold");
            }
            out.add(p.getIntValue());
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
