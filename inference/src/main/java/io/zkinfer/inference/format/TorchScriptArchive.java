package io.zkinfer.inference.format;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A TorchScript archive ({@code torch.jit.save}) that has passed the structural check and the pickle safety scan.
 * The layout checked: a zip (read under {@link ValidationLimits}, see {@link ZipEntries}) whose entries all sit in one
 * root folder; {@code <root>/version} (or {@code <root>/.data/version}) holding a file-format version libtorch reads
 * ({@value #MIN_VERSION} to {@value #MAX_VERSION}); {@code <root>/data.pkl} (the module object) and {@code
 * <root>/constants.pkl}; TorchScript source under {@code <root>/code/}; every pickle ({@code *.pkl}, {@code
 * *.debug_pkl}) passes {@link PickleScanner} and {@link PickleSafetyScan}; every {@code __torch__} class a pickle
 * names has its source file in {@code code/}; every storage a pickle loads ({@code ('storage', type, key, …, numel)})
 * exists as {@code <root>/<pickle name>/<key>} with at least {@code numel} elements of its type.
 *
 * @param parameters the element count of the storages {@code data.pkl} loads (the module's tensors)
 */
public record TorchScriptArchive(Path file, String root, int version, List<String> codeFiles, List<String> classes,
                                 List<PickleSummary.StorageRef> storages, long parameters, long bytes)
        implements ValidatedModel {

    public static final int MIN_VERSION = 1;
    public static final int MAX_VERSION = 10;

    public TorchScriptArchive {
        codeFiles = List.copyOf(codeFiles);
        classes = List.copyOf(classes);
        storages = List.copyOf(storages);
    }

    /**
     * Checks {@code file}; throws {@link ModelValidationException} (an {@link UnsafePickleException} for a global
     * outside the allow-list) naming the fault.
     */
    public static TorchScriptArchive validate(Path file, ValidationLimits limits) {
        String label = file.getFileName().toString();
        Map<String, PickleSummary> pickles = new LinkedHashMap<>(); // scanned as read, so no pickle stays in memory
        Map<String, ZipEntries.Entry> entries = ZipEntries.read(file, limits,
                name -> isPickle(name) || name.endsWith("/version") || name.endsWith("/byteorder"),
                limits.maxPickleBytes(), e -> {
                    if (!isPickle(e.name())) {
                        return false;
                    }
                    PickleSummary summary = PickleScanner.scan("TorchScript archive " + label, e.name(), e.content(),
                            limits);
                    PickleSafetyScan.check(label, e.name(), summary);
                    pickles.put(e.name(), summary);
                    return true;
                });
        String root = rootFolder(label, entries);
        String prefix = root + "/";
        ZipEntries.Entry versionEntry = entries.containsKey(prefix + ".data/version")
                ? entries.get(prefix + ".data/version") : entries.get(prefix + "version");
        if (versionEntry == null) {
            throw new ModelValidationException("TorchScript archive " + label + " has no " + prefix
                    + "version entry" + hint(entries, prefix));
        }
        int version = parseVersion(label, versionEntry);
        for (String required : List.of("data.pkl", "constants.pkl")) {
            if (!entries.containsKey(prefix + required)) {
                throw new ModelValidationException("TorchScript archive " + label + " has no " + prefix + required
                        + " entry" + hint(entries, prefix));
            }
        }
        List<String> code = entries.keySet().stream().filter(n -> n.startsWith(prefix + "code/") && n.endsWith(".py"))
                .toList();
        if (code.isEmpty()) {
            throw new ModelValidationException("TorchScript archive " + label + " has no TorchScript source under "
                    + prefix + "code/: it looks like a torch.save checkpoint (weights only) rather than a scripted "
                    + "module; save it with torch.jit.script(model) and torch.jit.save, or export it to ONNX");
        }
        ZipEntries.Entry byteOrder = entries.get(prefix + "byteorder");
        if (byteOrder != null) {
            String order = new String(byteOrder.content(), StandardCharsets.US_ASCII).trim();
            if (!order.equals("little") && !order.equals("big")) {
                throw new ModelValidationException("TorchScript archive " + label + ": " + prefix
                        + "byteorder says '" + ZipEntries.printable(order) + "'; expected 'little' or 'big'");
            }
        }
        TreeSet<String> classes = new TreeSet<>();
        List<PickleSummary.StorageRef> modelStorages = new ArrayList<>();
        long parameters = 0;
        for (Map.Entry<String, PickleSummary> pickle : pickles.entrySet()) {
            ZipEntries.Entry e = entries.get(pickle.getKey());
            PickleSummary summary = pickle.getValue();
            for (PickleSummary.GlobalRef g : summary.globals()) {
                if (g.module().equals(PickleSafetyScan.TORCHSCRIPT_CLASS_MODULE)
                        || g.module().startsWith(PickleSafetyScan.TORCHSCRIPT_CLASS_MODULE + ".")) {
                    String source = prefix + "code/" + g.module().replace('.', '/') + ".py";
                    if (!entries.containsKey(source)) {
                        throw new ModelValidationException("TorchScript archive " + label + ": entry '" + e.name()
                                + "' uses class '" + g.qualifiedName() + "' but its source " + source
                                + " is missing");
                    }
                    classes.add(g.qualifiedName());
                }
            }
            String folder = e.name().substring(0, e.name().lastIndexOf('.')) + "/";
            for (PickleSummary.StorageRef s : summary.storages()) {
                checkStorage(label, e.name(), folder, s, entries);
                if (e.name().equals(prefix + "data.pkl")) {
                    modelStorages.add(s);
                    parameters = Math.addExact(parameters, s.numel());
                }
            }
        }
        long bytes = entries.values().stream().mapToLong(ZipEntries.Entry::size).sum();
        return new TorchScriptArchive(file, root, version, code, List.copyOf(classes), modelStorages, parameters,
                bytes);
    }

    @Override
    public ModelFormat format() {
        return ModelFormat.TORCHSCRIPT;
    }

    @Override
    public Path path() {
        return file;
    }

    /** Runnable through {@link TorchScriptRunner} where DJL and libtorch are on the class path. */
    @Override
    public boolean runnable() {
        return true;
    }

    /** One line for people: root, version, classes, tensors and parameters. */
    @Override
    public String describe() {
        return "TorchScript archive " + file.getFileName() + " (root '" + root + "', file format " + version + "): "
                + classes.size() + " scripted class(es) " + classes + ", " + codeFiles.size() + " source file(s), "
                + storages.size() + " tensor storage(s) with " + parameters + " elements";
    }

    private static boolean isPickle(String name) {
        return name.endsWith(".pkl") || name.endsWith(".debug_pkl");
    }

    private static String rootFolder(String label, Map<String, ZipEntries.Entry> entries) {
        String root = null;
        for (String name : entries.keySet()) {
            int slash = name.indexOf('/');
            if (slash <= 0) {
                throw new ModelValidationException("TorchScript archive " + label + ": entry '"
                        + ZipEntries.printable(name) + "' is not inside a root folder; torch.jit.save puts every "
                        + "entry under one folder (e.g. 'model/data.pkl')");
            }
            String first = name.substring(0, slash);
            if (root == null) {
                root = first;
            } else if (!root.equals(first)) {
                throw new ModelValidationException("TorchScript archive " + label + " has entries under two root "
                        + "folders, '" + ZipEntries.printable(root) + "' and '" + ZipEntries.printable(first) + "'");
            }
        }
        if (root == null) {
            throw new ModelValidationException("archive " + label + " is empty; it is not a TorchScript archive");
        }
        return root;
    }

    private static int parseVersion(String label, ZipEntries.Entry entry) {
        String text = new String(entry.content(), StandardCharsets.US_ASCII).trim();
        int version;
        try {
            version = text.length() > 9 ? -1 : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            version = -1;
        }
        if (version < MIN_VERSION || version > MAX_VERSION) {
            throw new ModelValidationException("TorchScript archive " + label + ": " + entry.name() + " says '"
                    + ZipEntries.printable(text.length() > 20 ? text.substring(0, 20) : text)
                    + "'; libtorch reads file-format versions " + MIN_VERSION + " to " + MAX_VERSION);
        }
        return version;
    }

    private static void checkStorage(String label, String pickle, String folder, PickleSummary.StorageRef s,
                                     Map<String, ZipEntries.Entry> entries) {
        if (!s.key().matches("[A-Za-z0-9_]{1,64}")) {
            throw new ModelValidationException("TorchScript archive " + label + ": entry '" + pickle
                    + "' loads a storage with key '" + ZipEntries.printable(s.key()) + "'; keys are short names "
                    + "without path separators");
        }
        ZipEntries.Entry data = entries.get(folder + s.key());
        if (data == null) {
            throw new ModelValidationException("TorchScript archive " + label + ": entry '" + pickle + "' loads "
                    + "storage '" + s.key() + "' but " + folder + s.key() + " is missing");
        }
        int width = elementBytes(s.type());
        if (s.numel() > data.size() / width) {
            throw new ModelValidationException("TorchScript archive " + label + ": storage " + folder + s.key()
                    + " has " + data.size() + " bytes but " + pickle + " declares " + s.numel() + " elements of "
                    + s.type() + " (" + width + " bytes each); the archive is truncated or its sizes are forged");
        }
    }

    private static int elementBytes(String storageType) {
        String t = storageType.endsWith("Storage") ? storageType.substring(0, storageType.length() - 7)
                : storageType;
        return switch (t) {
            case "Short", "Half", "BFloat16", "UInt16", "Bits16" -> 2;
            case "Int", "Float", "QInt32", "ComplexHalf", "UInt32" -> 4;
            case "Long", "Double", "ComplexFloat", "UInt64" -> 8;
            case "ComplexDouble" -> 16;
            default -> 1;
        };
    }

    private static String hint(Map<String, ZipEntries.Entry> entries, String prefix) {
        if (entries.containsKey(prefix + "model.json")) {
            return "; it is in the legacy (PyTorch 1.0-1.2) layout with model.json: load and re-save it with a "
                    + "current torch.jit.save";
        }
        return "; a TorchScript archive (torch.jit.save) has " + prefix + "data.pkl, constants.pkl, version and "
                + "code/";
    }
}
