package io.zkinfer.prover;

import io.zkinfer.algebra.progress.Progress;
import io.zkinfer.circuits.r1cs.R1cs;
import io.zkinfer.circuits.r1cs.Witness;
import io.zkinfer.verifier.Groth16Verifier;
import io.zkinfer.verifier.PreparedVerifyingKey;
import io.zkinfer.verifier.Proof;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The setup and prover overloads that take a {@link Progress} report a done count that only grows, under one
 * total, ending at the total — and make the same keys and proofs as the overloads without one.
 */
class ProgressReportingTest {

    /** Every update a listener heard. */
    private static final class Recorder implements Progress {
        final List<String> phases = new ArrayList<>();
        final List<long[]> counts = new ArrayList<>();

        @Override
        public synchronized void update(String phase, long done, long total) {
            phases.add(phase);
            counts.add(new long[] {done, total});
        }

        void assertMonotoneToCompletion() {
            assertFalse(counts.isEmpty(), "no update was reported");
            long total = counts.get(0)[1];
            long previous = 0;
            for (int i = 0; i < counts.size(); i++) {
                long[] c = counts.get(i);
                assertEquals(total, c[1], "the total changed at update " + i + " (" + phases.get(i) + ")");
                assertTrue(c[0] >= previous, "done went back from " + previous + " to " + c[0] + " at update " + i
                        + " (" + phases.get(i) + ")");
                assertTrue(c[0] <= total, "done " + c[0] + " exceeds the total " + total);
                previous = c[0];
            }
            assertEquals(total, previous, "the last update is not the whole: " + phases.get(phases.size() - 1));
        }
    }

    @Test
    void setupReportsItsPointBatchesAndMakesTheSameKey(@TempDir Path dir) throws Exception {
        R1cs chain = ProverFixtures.chain(600); // over 1024 G1 scalars: several chunks report
        Recorder heard = new Recorder();
        ProvingKey withListener = Groth16Setup.generate(chain, ProverFixtures.seeded(41), heard);
        ProvingKey without = Groth16Setup.generate(chain, ProverFixtures.seeded(41));
        heard.assertMonotoneToCompletion();
        assertTrue(heard.phases.contains("setup: G1 points"), heard.phases.toString());
        assertTrue(heard.phases.contains("setup: G2 points"), heard.phases.toString());
        assertTrue(heard.phases.stream().filter(p -> p.equals("setup: G1 points")).count() >= 3,
                "expected one report per chunk of G1 scalars: " + heard.phases);
        ProvingKeyFile.write(withListener, dir.resolve("a.key"));
        ProvingKeyFile.write(without, dir.resolve("b.key"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("b.key")), Files.readAllBytes(dir.resolve("a.key")));
    }

    @Test
    void setupFromPowersOfTauReportsToCompletion() throws Exception {
        R1cs chain = ProverFixtures.chain(200);
        Recorder heard = new Recorder();
        ProvingKey key = Groth16Setup.generate(chain, PtauFile.read(ProverFixtures.resource("pot8_final.ptau")),
                ProverFixtures.seeded(42), heard);
        heard.assertMonotoneToCompletion();
        assertTrue(heard.phases.contains("setup: query points"), heard.phases.toString());
        Witness w = ProverFixtures.chainWitness(200, 3, 4);
        Proof proof = Groth16Prover.prove(key, w, ProverFixtures.seeded(43));
        assertTrue(Groth16Verifier.verify(PreparedVerifyingKey.of(key.verifyingKey()), w.publicSignals(2), proof));
    }

    @Test
    void proverReportsEveryStepAndItsProofIsTheSameAndVerifies() {
        R1cs chain = ProverFixtures.chain(300);
        ProvingKey key = Groth16Setup.generate(chain, ProverFixtures.seeded(44));
        Witness w = ProverFixtures.chainWitness(300, 7, 5);
        Recorder heard = new Recorder();
        Proof proof = Groth16Prover.prove(key, w, ProverFixtures.seeded(45), heard);
        heard.assertMonotoneToCompletion();
        for (String step : List.of("MSM A", "MSM B1", "MSM B2", "MSM C", "MSM H", "QAP (NTTs)")) {
            assertTrue(heard.phases.contains("prove: " + step), "no report of " + step + ": " + heard.phases);
        }
        assertEquals(Groth16Prover.prove(key, w, ProverFixtures.seeded(45)), proof, "the listener changed the proof");
        PreparedVerifyingKey pvk = PreparedVerifyingKey.of(key.verifyingKey());
        assertTrue(Groth16Verifier.verify(pvk, w.publicSignals(2), proof));
        // negative twin: the same proof against another public input
        assertFalse(Groth16Verifier.verify(pvk, ProverFixtures.chainWitness(300, 7, 6).publicSignals(2), proof));
    }
}
