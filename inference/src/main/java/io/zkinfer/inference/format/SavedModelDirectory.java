package io.zkinfer.inference.format;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TensorFlow SavedModel directory that has passed the structural check. zkinfer does not run SavedModels: serving
 * one needs conversion to ONNX ({@link #CONVERSION_ADVICE}). What is checked, without TensorFlow's classes:
 * {@code saved_model.pb} is a regular file within {@link ValidationLimits#maxFileBytes()} that parses as protobuf wire
 * format along the fields read ({@code SavedModel.saved_model_schema_version} and {@code meta_graphs}; per meta graph
 * the tags and TensorFlow version of {@code meta_info_def}, the nodes of {@code graph_def} and of its function library
 * (each with an op), and the {@code signature_def} map with each input's declared shape); every length is bounded by
 * its enclosing message and the number of fields by {@link ValidationLimits#maxProtoFields()}. When {@code variables/}
 * exists, {@code variables.index} must end with the TensorFlow table magic number and the data shards {@code
 * variables.data-NNNNN-of-MMMMM} must be complete; a graph that restores variables ({@code RestoreV2}) needs them.
 * Symbolic links are refused, so that validation reads only what lies inside the directory.
 */
public record SavedModelDirectory(Path directory, long schemaVersion, List<MetaGraph> metaGraphs, int variableShards)
        implements ValidatedModel {

    /** What to tell a user who wants to serve or prove a SavedModel. */
    public static final String CONVERSION_ADVICE = "zkinfer serves and proves ONNX; convert the SavedModel with "
            + "tf2onnx (python -m tf2onnx.convert --saved-model DIR --output model.onnx) and use the .onnx file";

    /** The TensorFlow (LevelDB) table footer's magic number, little-endian at the end of {@code variables.index}. */
    static final long TABLE_MAGIC = 0xdb4775248b80fb57L;

    private static final Pattern SHARD = Pattern.compile("variables\\.data-(\\d{5})-of-(\\d{5})");
    private static final long MAX_DECLARED_ELEMENTS = 1L << 31;

    public SavedModelDirectory {
        metaGraphs = List.copyOf(metaGraphs);
    }

    /** One {@code MetaGraphDef}: its tags, producer version, node count (graph and functions), ops and signatures. */
    public record MetaGraph(List<String> tags, String tensorflowVersion, int nodes, SortedSet<String> ops,
                            List<String> signatures) {
    }

    /** Checks {@code directory}; throws {@link ModelValidationException} naming the fault. */
    public static SavedModelDirectory validate(Path directory, ValidationLimits limits) {
        String label = "SavedModel " + directory.getFileName();
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            throw new ModelValidationException(label + " is not a directory; a SavedModel is a directory holding "
                    + "saved_model.pb and variables/");
        }
        Path pb = directory.resolve("saved_model.pb");
        if (!Files.exists(pb, LinkOption.NOFOLLOW_LINKS)) {
            String why = Files.exists(directory.resolve("saved_model.pbtxt"))
                    ? " (only the text form saved_model.pbtxt is there; save the model in binary form)" : "";
            throw new ModelValidationException(label + " has no saved_model.pb" + why);
        }
        byte[] bytes = readRegular(label, pb, limits.maxFileBytes());
        String where = label + ": saved_model.pb";
        ProtoWire.Budget budget = new ProtoWire.Budget(where, limits.maxProtoFields());
        ProtoWire top = new ProtoWire(where, bytes, 0, bytes.length, budget);
        long schema = 0;
        List<MetaGraph> graphs = new ArrayList<>();
        while (top.next()) {
            if (top.field() == 1) {
                top.expect(ProtoWire.VARINT);
                schema = top.varint();
            } else if (top.field() == 2) {
                graphs.add(metaGraph(top.message("meta_graphs[" + graphs.size() + "]")));
            }
        }
        if (schema < 0 || schema > 1) {
            throw new ModelValidationException(where + " declares schema version " + schema + "; TensorFlow writes 1");
        }
        if (graphs.isEmpty()) {
            throw new ModelValidationException(where + " holds no meta graph; it is empty, truncated or not a "
                    + "SavedModel");
        }
        int shards = variables(label, directory);
        if (shards == 0 && graphs.stream().anyMatch(g -> g.ops().contains("RestoreV2"))) {
            throw new ModelValidationException(label + ": the graph restores variables (RestoreV2) but there is no "
                    + "variables/ directory; copy the whole SavedModel directory");
        }
        return new SavedModelDirectory(directory, schema, graphs, shards);
    }

    @Override
    public ModelFormat format() {
        return ModelFormat.SAVED_MODEL;
    }

    @Override
    public Path path() {
        return directory;
    }

    /** False: a SavedModel is validated only; see {@link #CONVERSION_ADVICE}. */
    @Override
    public boolean runnable() {
        return false;
    }

    /** One line for people, ending with the conversion advice. */
    @Override
    public String describe() {
        StringBuilder s = new StringBuilder("TensorFlow SavedModel " + directory.getFileName() + ": ");
        for (MetaGraph g : metaGraphs) {
            s.append("tags ").append(g.tags()).append(" (TensorFlow ").append(g.tensorflowVersion()).append("), ")
                    .append(g.nodes()).append(" nodes, ").append(g.ops().size()).append(" op types, signatures ")
                    .append(g.signatures()).append("; ");
        }
        return s.append(variableShards).append(" variable shard(s). ").append(CONVERSION_ADVICE).toString();
    }

    private static MetaGraph metaGraph(ProtoWire m) {
        List<String> tags = new ArrayList<>();
        String version = "unknown";
        int[] nodes = {0};
        TreeSet<String> ops = new TreeSet<>();
        List<String> signatures = new ArrayList<>();
        while (m.next()) {
            switch (m.field()) {
                case 1 -> {
                    ProtoWire info = m.message("meta_info_def");
                    while (info.next()) {
                        if (info.field() == 4) {
                            tags.add(info.string());
                        } else if (info.field() == 5) {
                            version = info.string();
                        }
                    }
                }
                case 2 -> {
                    ProtoWire graph = m.message("graph_def");
                    while (graph.next()) {
                        if (graph.field() == 1) {
                            node(graph.message("graph_def node"), nodes, ops);
                        } else if (graph.field() == 2) {
                            ProtoWire library = graph.message("graph_def library");
                            while (library.next()) {
                                if (library.field() == 1) {
                                    ProtoWire function = library.message("function");
                                    while (function.next()) {
                                        if (function.field() == 3) {
                                            node(function.message("function node_def"), nodes, ops);
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                case 5 -> signatures.add(signature(m.message("signature_def")));
                default -> {
                }
            }
        }
        return new MetaGraph(tags, version, nodes[0], ops, signatures);
    }

    private static void node(ProtoWire n, int[] count, TreeSet<String> ops) {
        String name = "";
        String op = "";
        while (n.next()) {
            if (n.field() == 1) {
                name = n.string();
            } else if (n.field() == 2) {
                op = n.string();
            }
        }
        if (op.isEmpty()) {
            throw new ModelValidationException(n.file() + ": node '" + ZipEntries.printable(name) + "' has no op");
        }
        count[0]++;
        ops.add(op);
    }

    /** A {@code signature_def} map entry; returns its key after checking each input's declared shape. */
    private static String signature(ProtoWire entry) {
        String key = "";
        while (entry.next()) {
            if (entry.field() == 1) {
                key = entry.string();
            } else if (entry.field() == 2) {
                ProtoWire sig = entry.message("signature '" + key + "'");
                while (sig.next()) {
                    if (sig.field() == 1 || sig.field() == 2) {
                        tensorInfo(key, sig.message("signature '" + key + "' tensor"));
                    }
                }
            }
        }
        return key;
    }

    private static void tensorInfo(String signature, ProtoWire mapEntry) {
        String name = "";
        while (mapEntry.next()) {
            if (mapEntry.field() == 1) {
                name = mapEntry.string();
            } else if (mapEntry.field() == 2) {
                ProtoWire info = mapEntry.message("tensor '" + name + "'");
                while (info.next()) {
                    if (info.field() == 3) {
                        shape(signature, name, info.message("tensor '" + name + "' shape"));
                    }
                }
            }
        }
    }

    private static void shape(String signature, String tensor, ProtoWire shape) {
        long elements = 1;
        while (shape.next()) {
            if (shape.field() != 2) {
                continue;
            }
            ProtoWire dim = shape.message("dim");
            while (dim.next()) {
                if (dim.field() == 1) {
                    dim.expect(ProtoWire.VARINT);
                    long size = dim.varint();
                    if (size < -1) {
                        throw new ModelValidationException(dim.file() + ": signature '" + signature + "' tensor '"
                                + tensor + "' declares dimension " + size + "; sizes are -1 (unknown) or >= 0");
                    }
                    if (size > 0) {
                        elements = size > MAX_DECLARED_ELEMENTS / elements ? Long.MAX_VALUE : elements * size;
                    }
                    if (elements > MAX_DECLARED_ELEMENTS) {
                        throw new ModelValidationException(dim.file() + ": signature '" + signature + "' tensor '"
                                + tensor + "' declares more than 2^31 elements; refused");
                    }
                }
            }
        }
    }

    /** The number of complete variable shards, or 0 when there is no {@code variables/} directory. */
    private static int variables(String label, Path directory) {
        Path vars = directory.resolve("variables");
        if (!Files.exists(vars, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        if (!Files.isDirectory(vars, LinkOption.NOFOLLOW_LINKS)) {
            throw new ModelValidationException(label + ": variables is not a directory");
        }
        Path index = vars.resolve("variables.index");
        if (!Files.exists(index, LinkOption.NOFOLLOW_LINKS)) {
            throw new ModelValidationException(label + ": variables/ has no variables.index");
        }
        checkIndex(label, index);
        TreeMap<Integer, Integer> shards = new TreeMap<>();
        int declared = -1;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(vars)) {
            int seen = 0;
            for (Path f : files) {
                if (++seen > 100_000) {
                    throw new ModelValidationException(label + ": variables/ holds more than 100000 files");
                }
                Matcher m = SHARD.matcher(f.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    throw new ModelValidationException(label + ": variables/" + f.getFileName()
                            + " is not a regular file (symbolic links are refused)");
                }
                int i = Integer.parseInt(m.group(1));
                int of = Integer.parseInt(m.group(2));
                if (declared >= 0 && of != declared || i >= of) {
                    throw new ModelValidationException(label + ": variable shard " + f.getFileName()
                            + " disagrees with the others on the shard count");
                }
                declared = of;
                shards.put(i, of);
            }
        } catch (IOException e) {
            throw new ModelValidationException(label + ": cannot list variables/: " + e.getMessage(), e);
        }
        if (declared <= 0 || shards.size() != declared) {
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < Math.max(declared, 1) && missing.size() < 5; i++) {
                if (!shards.containsKey(i)) {
                    missing.add(String.format("variables.data-%05d-of-%05d", i, Math.max(declared, 1)));
                }
            }
            throw new ModelValidationException(label + ": variables/ is missing data shard(s) " + missing
                    + "; copy the whole SavedModel directory");
        }
        return declared;
    }

    private static void checkIndex(String label, Path index) {
        try {
            if (!Files.isRegularFile(index, LinkOption.NOFOLLOW_LINKS)) {
                throw new ModelValidationException(label + ": variables/variables.index is not a regular file");
            }
            long size = Files.size(index);
            if (size < 48) {
                throw new ModelValidationException(label + ": variables/variables.index has " + size
                        + " bytes, shorter than a table footer (48); it is truncated");
            }
            byte[] tail = new byte[8];
            try (var ch = Files.newByteChannel(index)) {
                ch.position(size - 8);
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(tail);
                while (buf.hasRemaining() && ch.read(buf) > 0) {
                    // fill the buffer
                }
            }
            long magic = java.nio.ByteBuffer.wrap(tail).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
            if (magic != TABLE_MAGIC) {
                throw new ModelValidationException(label + ": variables/variables.index does not end with the "
                        + "TensorFlow table magic number; it is corrupt or truncated");
            }
        } catch (IOException e) {
            throw new ModelValidationException(label + ": cannot read variables/variables.index: "
                    + e.getMessage(), e);
        }
    }

    private static byte[] readRegular(String label, Path file, long maxBytes) {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new ModelValidationException(label + ": " + file.getFileName()
                        + " is not a regular file (symbolic links are refused)");
            }
            long size = Files.size(file);
            if (size > Math.min(maxBytes, Integer.MAX_VALUE - 8)) {
                throw new ModelValidationException(label + ": " + file.getFileName() + " has " + size
                        + " bytes, more than the limit of " + Math.min(maxBytes, Integer.MAX_VALUE - 8));
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ModelValidationException(label + ": cannot read " + file.getFileName() + ": "
                    + e.getMessage(), e);
        }
    }
}
