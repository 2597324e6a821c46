package io.zkinfer.prover;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProvingKeysTest {

    @TempDir
    Path tmp;

    @Test
    void readsAZkinferProvingKey() throws Exception {
        ProvingKey key = Groth16Setup.generate(ProverFixtures.chain(8), ProverFixtures.seeded(31));
        Path f = tmp.resolve("proving.key");
        ProvingKeyFile.write(key, f);
        ProvingKey back = ProvingKeys.read(f);
        assertEquals(key.verifyingKey(), back.verifyingKey());
        assertEquals(key.hQuery(), back.hQuery());
    }

    @Test
    void readsASnarkjsZkey() throws Exception {
        Path zkey = ProverFixtures.resource("cubic.zkey");
        ProvingKey back = ProvingKeys.read(zkey);
        assertEquals(ZkeyFile.read(zkey).verifyingKey(), back.verifyingKey());
        assertEquals(ZkeyFile.read(zkey).hQuery(), back.hQuery());
    }

    @Test
    void refusesAnythingElseNamingFileMagicAndBothFormats() throws Exception {
        Path junk = tmp.resolve("junk.bin");
        Files.write(junk, "ptau\u0001junk".getBytes(StandardCharsets.ISO_8859_1));
        String msg = assertThrows(IOException.class, () -> ProvingKeys.read(junk)).getMessage();
        assertTrue(msg.startsWith(junk + ": neither a zkinfer proving.key nor a snarkjs .zkey"), msg);
        assertTrue(msg.contains("magic is 'ptau\\x01jun'"), msg);
        assertTrue(msg.contains("'ZKIPKEY\\0' (zkinfer proving.key") && msg.contains("'zkey' (snarkjs .zkey"), msg);

        Path empty = tmp.resolve("empty.key");
        Files.write(empty, new byte[0]);
        msg = assertThrows(IOException.class, () -> ProvingKeys.read(empty)).getMessage();
        assertTrue(msg.contains("magic is ''"), msg);
    }
}
