package io.zkinfer.inference.format;

import java.util.List;

/**
 * What a pickle program refers to, found by {@link PickleScanner} without executing it: every global it imports (with
 * the opcode and byte offset that does so) and every tensor storage it loads by persistent id.
 */
public record PickleSummary(int protocol, List<GlobalRef> globals, List<StorageRef> storages, int opcodes) {

    public PickleSummary {
        globals = List.copyOf(globals);
        storages = List.copyOf(storages);
    }

    /** A global import: {@code module.name}, by opcode ({@code GLOBAL}, {@code STACK_GLOBAL}, {@code INST}). */
    public record GlobalRef(String module, String name, String opcode, long offset) {
        public String qualifiedName() {
            return module + "." + name;
        }
    }

    /**
     * A storage loaded by persistent id {@code ('storage', type, key, location, numel)}: TorchScript reads it from
     * the archive entry {@code data/<key>}, {@code numel} elements of {@code type} (e.g. {@code FloatStorage}).
     */
    public record StorageRef(String type, String key, String location, long numel) {
    }
}
