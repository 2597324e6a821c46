package io.zkinfer.inference.format;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The allow-list check on a pickle's globals. Python's unpickler imports every global a pickle names and a REDUCE,
 * NEWOBJ, INST, OBJ or BUILD may call it, so a global outside a known-harmless set is code that would run on load
 * ({@code os.system}, {@code builtins.eval}, {@code subprocess.Popen}, …). Allowed are exactly the globals that
 * TorchScript's own unpickler resolves: {@link #ALLOWED_GLOBALS} (tensor rebuilding, storage types, quantization
 * schemes, {@code collections.OrderedDict}, {@code torch.device}, {@code builtins.complex}, the list helpers in {@code
 * torch.jit._pickle}) and classes under the {@code __torch__} module, which are TorchScript classes compiled from the
 * archive's own {@code code/} folder (the archive check makes sure each has its source file there).
 */
public final class PickleSafetyScan {

    /** The module of TorchScript classes, compiled from the archive's {@code code/} folder rather than imported. */
    public static final String TORCHSCRIPT_CLASS_MODULE = "__torch__";

    private static final List<String> STORAGE_TYPES = List.of("Byte", "Char", "Short", "Int", "Long", "Half",
            "Float", "Double", "ComplexHalf", "ComplexFloat", "ComplexDouble", "Bool", "QInt8", "QUInt8", "QInt32",
            "BFloat16", "QUInt4x2", "QUInt2x4", "Bits1x8", "Bits2x4", "Bits4x2", "Bits8", "Bits16",
            "Float8_e5m2", "Float8_e4m3fn", "Float8_e5m2fnuz", "Float8_e4m3fnuz", "UInt16", "UInt32", "UInt64");

    /** Every {@code module.name} a TorchScript pickle may reference, besides {@code __torch__} classes. */
    public static final SortedSet<String> ALLOWED_GLOBALS = java.util.Collections.unmodifiableSortedSet(
            Stream.of(
                    Stream.of("torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_qtensor",
                            "torch._utils._rebuild_sparse_tensor", "collections.OrderedDict", "torch.device",
                            "builtins.complex", "torch.per_tensor_affine", "torch.per_channel_affine",
                            "torch.per_tensor_symmetric", "torch.per_channel_symmetric",
                            "torch.per_channel_affine_float_qparams"),
                    Stream.of("build_intlist", "build_tensorlist", "build_doublelist", "build_boollist",
                            "build_tensor_from_id", "restore_type_tag").map(n -> "torch.jit._pickle." + n),
                    STORAGE_TYPES.stream().map(t -> "torch." + t + "Storage"))
                    .flatMap(s -> s).collect(Collectors.toCollection(TreeSet::new)));

    private PickleSafetyScan() {
    }

    /** Whether {@code module.name} may appear in a TorchScript pickle. */
    public static boolean isAllowed(String module, String name) {
        if (module.equals(TORCHSCRIPT_CLASS_MODULE) || module.startsWith(TORCHSCRIPT_CLASS_MODULE + ".")) {
            return isIdentifierPath(module) && isIdentifierPath(name);
        }
        return ALLOWED_GLOBALS.contains(module + "." + name);
    }

    /**
     * Throws an {@link UnsafePickleException} naming the first global of {@code summary} outside the allow-list (and
     * the others, if several), found in {@code entry} of the archive {@code archive}.
     */
    public static void check(String archive, String entry, PickleSummary summary) {
        Set<String> offending = new LinkedHashSet<>();
        PickleSummary.GlobalRef first = null;
        for (PickleSummary.GlobalRef g : summary.globals()) {
            if (!isAllowed(g.module(), g.name())) {
                offending.add(ZipEntries.printable(g.qualifiedName()));
                if (first == null) {
                    first = g;
                }
            }
        }
        if (first == null) {
            return;
        }
        String others = offending.size() > 1
                ? " (all offending globals: " + offending.stream().limit(10).collect(Collectors.joining(", "))
                + (offending.size() > 10 ? ", …" : "") + ")"
                : "";
        throw new UnsafePickleException("unsafe TorchScript archive " + archive + ": entry '" + entry
                + "' references global '" + ZipEntries.printable(first.qualifiedName()) + "' (" + first.opcode()
                + " at byte " + first.offset() + "), which is not on the allow-list of tensor and TorchScript types;"
                + " unpickling it would run code" + others + ". Refused: re-export the model with torch.jit.save "
                + "from trusted code, or export it to ONNX", first.qualifiedName(), entry);
    }

    private static boolean isIdentifierPath(String s) {
        for (String part : s.split("\\.", -1)) {
            if (part.isEmpty() || !Character.isJavaIdentifierStart(part.charAt(0))
                    || !part.chars().allMatch(c -> c < 0x80 && Character.isJavaIdentifierPart(c) && c != '$')) {
                return false;
            }
        }
        return true;
    }
}
