package io.zkinfer.circuits.format;

import io.zkinfer.circuits.r1cs.SignalNames;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SymFileTest {

    @Test
    void readsCircomSymbols() throws Exception {
        List<String> lines = new String(FixtureFiles.bytes("multiplier.sym"), StandardCharsets.UTF_8).lines().toList();
        SignalNames names = SymFile.parse(lines, "multiplier.sym");
        assertEquals(3, names.size());
        assertEquals(Optional.of("main.c"), names.nameOf(1));
        assertEquals(Optional.of("main.b"), names.nameOf(3));
        assertEquals(Optional.empty(), names.nameOf(0));
    }

    @Test
    void keepsCommasInNamesAndRejectsMalformedLines() throws Exception {
        assertEquals(Optional.of("main.m[0,1]"), SymFile.parse(List.of("7,-1,2,main.m[0,1]"), "s.sym").nameOf(7));
        assertEquals("s.sym: line 2 is '1,2', expected labelId,wireId,componentId,name",
                assertThrows(InvalidFileException.class, () -> SymFile.parse(List.of("", "1,2"), "s.sym")).getMessage());
        assertThrows(InvalidFileException.class, () -> SymFile.parse(List.of("x,1,0,main.a"), "s.sym"));
    }
}
