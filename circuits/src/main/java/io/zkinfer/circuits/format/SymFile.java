package io.zkinfer.circuits.format;

import io.zkinfer.circuits.r1cs.SignalNames;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads circom's .sym file ({@code circom --sym}): one line per signal,
 * {@code labelId,wireId,componentId,name}, with wireId -1 for signals optimised away.
 */
public final class SymFile {

    private SymFile() {
    }

    /** Signal names by label id, from the .sym file at {@code file}. */
    public static SignalNames read(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Signal names by label id, from the lines of a .sym file; {@code source} names it in messages. */
    public static SignalNames parse(List<String> lines, String source) throws InvalidFileException {
        Map<Long, String> names = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split(",", 4);
            if (parts.length != 4) {
                throw new InvalidFileException(source + ": line " + (i + 1) + " is '" + line
                        + "', expected labelId,wireId,componentId,name");
            }
            try {
                names.put(Long.parseLong(parts[0]), parts[3]);
            } catch (NumberFormatException e) {
                throw new InvalidFileException(source + ": line " + (i + 1) + " has label id '" + parts[0]
                        + "', expected a decimal integer", e);
            }
        }
        return SignalNames.of(names);
    }
}
