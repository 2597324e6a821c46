package io.zkinfer.inference.format;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pickle exploits are refused naming the global they import, whichever opcode imports it; the pickles of a legitimate
 * TorchScript module pass; hostile shapes of pickle (huge lengths, deep marks, memo floods, no STOP) are refused
 * within the limits, quickly.
 */
class PickleSafetyScanTest {

    private static final String ENTRY = "m/data.pkl";

    private static PickleSummary scan(byte[] pickle, ValidationLimits limits) {
        return PickleScanner.scan("TorchScript archive m.pt", ENTRY, pickle, limits);
    }

    private static UnsafePickleException unsafe(byte[] pickle) {
        return assertThrows(UnsafePickleException.class,
                () -> PickleSafetyScan.check("m.pt", ENTRY, scan(pickle, ValidationLimits.DEFAULT)));
    }

    private static void assertRefusedNaming(String global, byte[] pickle) {
        UnsafePickleException e = unsafe(pickle);
        assertEquals(global, e.global());
        assertEquals(ENTRY, e.entry());
        assertTrue(e.getMessage().contains("'" + global + "'") && e.getMessage().contains(ENTRY)
                && e.getMessage().contains("would run code"), e.getMessage());
    }

    @Test
    void globalThenReduceOnDangerousCallablesIsRefusedNamingEach() {
        for (String[] g : List.of(new String[] {"os", "system"}, new String[] {"posix", "system"},
                new String[] {"builtins", "eval"}, new String[] {"builtins", "exec"},
                new String[] {"__builtin__", "eval"}, new String[] {"subprocess", "Popen"},
                new String[] {"builtins", "getattr"}, new String[] {"torch", "load"},
                new String[] {"torch.hub", "load"}, new String[] {"torch._utils", "_rebuild_tensor_v2x"})) {
            byte[] pickle = new PickleWriter().proto(2).global(g[0], g[1]).string("echo pwned").op(0x85).reduce()
                    .stop().bytes();
            assertRefusedNaming(g[0] + "." + g[1], pickle);
        }
    }

    @Test
    void stackGlobalIsResolvedFromItsStringOperandsIncludingMemoisedOnes() {
        assertRefusedNaming("os.system", new PickleWriter().proto(4).shortString("os").shortString("system")
                .op(0x93).shortString("id").op(0x85).reduce().stop().bytes());
        // the operands come back from the memo: still literal strings, still resolved
        assertRefusedNaming("subprocess.Popen", new PickleWriter().proto(4).shortString("subprocess").op(0x94)
                .op('0').shortString("Popen").op(0x94).op('0').op('h').raw(0).op('h').raw(1).op(0x93)
                .emptyTuple().reduce().stop().bytes());
    }

    @Test
    void aStackGlobalWhoseNameIsComputedIsRefusedAsUncheckable() {
        byte[] pickle = new PickleWriter().proto(4).global("collections", "OrderedDict").emptyTuple().reduce()
                .shortString("system").op(0x93).stop().bytes();
        UnsafePickleException e = unsafe(pickle);
        assertTrue(e.getMessage().contains("STACK_GLOBAL") && e.getMessage().contains("not a string literal"),
                e.getMessage());
    }

    @Test
    void globalsInsideAFrameAreScannedNotSkipped() {
        // protocol 4+: FRAME gives the length of the opcodes that follow inline; the unpickler runs them
        byte[] body = new PickleWriter().global("os", "system").string("id").op(0x85).reduce().op('0').bytes();
        PickleWriter framed = new PickleWriter().proto(4).op(0x95);
        for (int i = 0; i < 8; i++) {
            framed.raw((int) ((long) body.length >>> (8 * i)) & 0xff);
        }
        assertRefusedNaming("os.system", framed.raw(body).op('N').stop().bytes());
        // a frame longer than what is left is refused as truncated
        refused("-byte operand", new PickleWriter().proto(4).op(0x95).raw(0x40, 0, 0, 0, 0, 0, 0, 0).op('N')
                .stop().bytes(), ValidationLimits.DEFAULT);
    }

    @Test
    void instObjAndExtensionCodesAreRefused() {
        assertRefusedNaming("os.system", new PickleWriter().mark().string("id").op('i')
                .raw("os\nsystem\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).stop().bytes());
        assertRefusedNaming("builtins.eval", new PickleWriter().proto(2).mark().global("builtins", "eval")
                .string("1+1").op('o').stop().bytes());
        UnsafePickleException ext = unsafe(new PickleWriter().proto(2).op(0x82).raw(7).emptyTuple().reduce()
                .stop().bytes());
        assertTrue(ext.getMessage().contains("extension") && ext.global().contains("7"), ext.getMessage());
    }

    @Test
    void everyOffendingGlobalIsListedAfterTheFirst() {
        byte[] pickle = new PickleWriter().proto(2).global("os", "system").op('0').global("builtins", "eval")
                .op('0').global("collections", "OrderedDict").stop().bytes();
        UnsafePickleException e = unsafe(pickle);
        assertEquals("os.system", e.global());
        assertTrue(e.getMessage().contains("os.system, builtins.eval"), e.getMessage());
    }

    @Test
    void theTinyLinearPicklesAreAllowedAndTheirStoragesFound() {
        byte[] data = new PickleWriter().proto(2).global(TorchScriptFixture.MODULE, TorchScriptFixture.CLASS)
                .emptyTuple().op(0x81).op('}').mark().string("w").floatTensor("0", new long[] {3, 2}, true)
                .op('u').op('b').stop().bytes();
        PickleSummary s = scan(data, ValidationLimits.DEFAULT);
        PickleSafetyScan.check("m.pt", ENTRY, s);
        assertEquals(2, s.protocol());
        assertEquals(List.of(new PickleSummary.StorageRef("FloatStorage", "0", "cpu", 6)), s.storages());
        assertEquals(List.of("__torch__.zk.TinyLinear", "torch._utils._rebuild_tensor_v2", "torch.FloatStorage",
                "collections.OrderedDict"), s.globals().stream().map(PickleSummary.GlobalRef::qualifiedName).toList());
    }

    @Test
    void torchScriptClassesMustBeIdentifiers() {
        assertTrue(PickleSafetyScan.isAllowed("__torch__.torch.nn.modules.linear", "Linear"));
        assertTrue(PickleSafetyScan.isAllowed("__torch__", "Net"));
        assertFalse(PickleSafetyScan.isAllowed("__torch__.x; import os", "Net"));
        assertFalse(PickleSafetyScan.isAllowed("__torch__x", "Net"));
        assertFalse(PickleSafetyScan.isAllowed("__torch__.a", "b\nc"));
    }

    @Test
    void selfReferencingAndSharedStructuresTerminate() {
        // l = []; l.append(l)  — and a "billion laughs" tuple tower built from memo references
        PickleWriter w = new PickleWriter().proto(2).op(']').binput(0).op('h').raw(0).op('a');
        w.string("lol").binput(1);
        for (int level = 0; level < 40; level++) {
            w.op('h').raw(1).op('h').raw(1).op(0x86).binput(1).op('0');
        }
        byte[] pickle = w.stop().bytes();
        PickleSummary s = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> scan(pickle,
                ValidationLimits.DEFAULT));
        assertTrue(s.opcodes() > 100);
    }

    @Test
    void hostileShapesAreRefusedWithinTheLimits() {
        ValidationLimits small = ValidationLimits.DEFAULT.withPickle(1 << 20, 10_000, 1_000);
        // a 4 GiB string declared in a 10-byte pickle: refused before any allocation
        refused("4294967295-byte", new PickleWriter().proto(2).op('X').raw(0xff, 0xff, 0xff, 0xff).stop().bytes(),
                small);
        refused("4611686018427387904-byte", new PickleWriter().proto(4).op(0x8d).raw(0, 0, 0, 0, 0, 0, 0, 0x40)
                .stop().bytes(), small);
        PickleWriter marks = new PickleWriter().proto(2);
        for (int i = 0; i < 5_000; i++) {
            marks.mark();
        }
        refused("stack grows past 1000", marks.stop().bytes(), small);
        PickleWriter memo = new PickleWriter().proto(2).op('N');
        for (int i = 0; i < 2_000; i++) {
            memo.op('r').int32(i);
        }
        refused("memo grows past 1000", memo.stop().bytes(), small);
        PickleWriter ops = new PickleWriter().proto(2).op('N');
        for (int i = 0; i < 20_000; i++) {
            ops.op('2').op('0');
        }
        refused("more than 10000 opcodes", ops.stop().bytes(), small);
        refused("without a STOP", new PickleWriter().proto(2).op('N').bytes(), small);
        refused("truncated inside a BINFLOAT argument", new PickleWriter().proto(2).op('G').raw(0, 0, 0).bytes(),
                small);
        refused("unknown opcode 0xff", new PickleWriter().proto(2).op(0xff).stop().bytes(), small);
        refused("protocol 9", new PickleWriter().proto(9).op('N').stop().bytes(), small);
        refused("empty stack", new PickleWriter().proto(2).reduce().stop().bytes(), small);
        refused("never written", new PickleWriter().proto(2).op('h').raw(3).stop().bytes(), small);
        refused("more than the limit of 1048576", new byte[(1 << 20) + 1], small);
    }

    private static void refused(String expected, byte[] pickle, ValidationLimits limits) {
        ModelValidationException e = assertThrows(ModelValidationException.class,
                () -> assertTimeoutPreemptively(Duration.ofSeconds(5), () -> scan(pickle, limits)));
        assertTrue(e.getMessage().contains(expected) && e.getMessage().contains(ENTRY), e.getMessage());
    }
}
