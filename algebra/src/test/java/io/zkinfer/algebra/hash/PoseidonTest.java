package io.zkinfer.algebra.hash;

import io.zkinfer.algebra.field.Fr;
import io.zkinfer.algebra.testing.TestRandom;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Known answers of circomlib's Poseidon, taken from circomlibjs 0.1.7 (its wasm, reference and optimised
 * implementations agree on each), so that every width is checked without node; the live comparison with
 * circomlibjs is {@link PoseidonCircomlibjsTest}.
 */
class PoseidonTest {

    /** circomlibjs {@code poseidon([1, 2, ..., n])} for {@code n = 1..16}. */
    private static final String[] ONE_TO_N = {
        "29176100eaa962bdc1fe6c654d6a3c130e96a4d1168b33848b897dc502820133",
        "115cc0f5e7d690413df64c6b9662e9cf2a3617f2743245519e19607a4417189a",
        "0e7732d89e6939c0ff03d5e58dab6302f3230e269dc5b968f725df34ab36d732",
        "299c867db6c1fdd79dcefa40e4510b9837e60ebb1ce0663dbaa525df65250465",
        "0dab9449e4a1398a15224c0b15a49d598b2174d305a316c918125f8feeb123c0",
        "2d1a03850084442813c8ebf094dea47538490a68b05f2239134a4cca2f6302e1",
        "1c2f3482dbb140c4ebb9ada49abdbc374a9a85fcfc6533ec2e9df45b4921c318",
        "2921ab9bd0140cbc98e40395c0fefb40337a4d54fbbecd9a4d43b3d8d0c4d8d1",
        "1e0b893aa2ad802275e749d260330b7675b22bb3aaa4461d204af32e60cd9078",
        "0816126a09c29ecfcc0628461dacfb9459816fc60d6738b78db9ad07206fdc21",
        "07e5b070aa2dba008f30a6b785b6c5ae2429e211f71cacdbdae0e07fc05b47a8",
        "058814945232937db248a01e7cc55b3d681cc08702c8168494e856c1ef7693b5",
        "0f918939632fadca6456a2fe6e65a124828d4c3920d379cc744e90a666887806",
        "1278779aaafc5ca58bf573151005830cdb4683fb26591c85a7464d4f0e527776",
        "094ae33b67a845998abb55e917642d4022d078d96f7c36ea11da4273ecf20f50",
        "16159a551cbb66108281a48099fff949ae08afd7f1f2ec06de2ffb96b919b765",
    };

    @Test
    void wellKnownAnswers() {
        assertEquals(hex("115cc0f5e7d690413df64c6b9662e9cf2a3617f2743245519e19607a4417189a"),
                Poseidon.hash(Fr.of(1), Fr.of(2)));
        assertEquals(hex("299c867db6c1fdd79dcefa40e4510b9837e60ebb1ce0663dbaa525df65250465"),
                Poseidon.hash(Fr.of(1), Fr.of(2), Fr.of(3), Fr.of(4)));
    }

    @Test
    void everyWidthMatchesCircomlibjsOnOneToN() {
        for (int n = 1; n <= Poseidon.MAX_INPUTS; n++) {
            Fr[] in = new Fr[n];
            for (int i = 0; i < n; i++) {
                in[i] = Fr.of(i + 1);
            }
            assertEquals(hex(ONE_TO_N[n - 1]), Poseidon.hash(in), "poseidon([1.." + n + "])");
        }
    }

    @Test
    void edgeValuesMatchCircomlibjs() {
        assertEquals(hex("2a09a9fd93c590c26b91effbb2499f07e8f7aa12e2b4940a3aed2411cb65e11c"), Poseidon.hash(Fr.ZERO));
        assertEquals(hex("1b694eae0d9995b3dd1f09a0f15f950cfb003d1bd4e8b68d3285a3a8fe319438"),
                Poseidon.hash(Fr.ONE.neg(), Fr.ZERO), "poseidon([r - 1, 0])");
    }

    @Test
    void permutationMatchesCircomlibjsWholeState() {
        // circomlibjs poseidon([1, 2], 0, 3)
        Fr[] expected = {
            hex("115cc0f5e7d690413df64c6b9662e9cf2a3617f2743245519e19607a4417189a"),
            hex("0fca49b798923ab0239de1c9e7a4a9a2210312b6a2f616d18b5a87f9b628ae29"),
            hex("0e7ae82e40091e63cbd4f16a6d16310b3729d4b6e138fcf54110e2867045a30c"),
        };
        assertArrayEquals(expected, Poseidon.permute(new Fr[] {Fr.ZERO, Fr.of(1), Fr.of(2)}));
    }

    @Test
    void hashIsElementZeroOfThePermutationWithZeroCapacity() {
        Random rnd = TestRandom.forTest(PoseidonTest.class);
        for (int n = 1; n <= Poseidon.MAX_INPUTS; n++) {
            Fr[] in = randomVector(rnd, n);
            Fr[] state = new Fr[n + 1];
            state[0] = Fr.ZERO;
            System.arraycopy(in, 0, state, 1, n);
            assertEquals(Poseidon.permute(state)[0], Poseidon.hash(in), "n = " + n);
            assertEquals(Poseidon.hash(in), Poseidon.hash(List.of(in)), "list form, n = " + n);
        }
    }

    @Test
    void argumentsAreNotModified() {
        Random rnd = TestRandom.forTest(PoseidonTest.class);
        Fr[] in = randomVector(rnd, 5);
        Fr[] copy = in.clone();
        Poseidon.hash(in);
        Poseidon.permute(in);
        assertArrayEquals(copy, in);
    }

    @Test
    void distinctInputsAndLengthsGiveDistinctHashes() {
        assertNotEquals(Poseidon.hash(Fr.of(1), Fr.of(2)), Poseidon.hash(Fr.of(2), Fr.of(1)));
        assertNotEquals(Poseidon.hash(Fr.ZERO), Poseidon.hash(Fr.ZERO, Fr.ZERO), "no length extension by zeros");
    }

    @Test
    void refusesNoInputsAndMoreThanSixteen() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, Poseidon::hash);
        assertTrue(none.getMessage().contains("1 to 16 inputs"), none.getMessage());
        IllegalArgumentException many = assertThrows(IllegalArgumentException.class,
                () -> Poseidon.hash(new Fr[17]));
        assertTrue(many.getMessage().contains("got 17") && many.getMessage().contains("sponge or a tree"), many.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Poseidon.hash(List.of()));
    }

    @Test
    void refusesWidthsOutsideCircomlibsAndNullElements() {
        assertThrows(IllegalArgumentException.class, () -> Poseidon.permute(new Fr[] {Fr.ONE}));
        assertThrows(IllegalArgumentException.class, () -> Poseidon.permute(new Fr[18]));
        NullPointerException e = assertThrows(NullPointerException.class, () -> Poseidon.hash(Fr.ONE, null));
        assertTrue(e.getMessage().contains("input 1"), e.getMessage());
        assertThrows(NullPointerException.class, () -> Poseidon.permute(new Fr[] {Fr.ONE, null}));
    }

    static Fr[] randomVector(Random rnd, int n) {
        Fr[] v = new Fr[n];
        for (int i = 0; i < n; i++) {
            v[i] = Fr.random(rnd);
        }
        return v;
    }

    private static Fr hex(String h) {
        return Fr.of(new BigInteger(h, 16));
    }
}
