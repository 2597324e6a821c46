package io.zkinfer.algebra.hash;

import io.zkinfer.algebra.field.Fr;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PoseidonParametersTest {

    /** circomlibjs's {@code N_ROUNDS_P}, for {@code t = 2..17}. */
    private static final int[] N_ROUNDS_P = {56, 57, 56, 60, 60, 63, 64, 63, 60, 66, 60, 65, 70, 60, 64, 68};

    @Test
    void roundCountsAreCircomlibs() {
        for (int t = 2; t <= 17; t++) {
            PoseidonParameters p = PoseidonParameters.forWidth(t);
            assertEquals(t, p.width());
            assertEquals(8, p.fullRounds());
            assertEquals(N_ROUNDS_P[t - 2], p.partialRounds(), "t = " + t);
            assertEquals(N_ROUNDS_P[t - 2], PoseidonParameters.partialRounds(t));
            assertEquals(8 + N_ROUNDS_P[t - 2], p.rounds());
        }
    }

    @Test
    void fullRoundsSurroundThePartialOnes() {
        PoseidonParameters p = PoseidonParameters.forWidth(3);
        for (int r = 0; r < p.rounds(); r++) {
            assertEquals(r < 4 || r >= 4 + 57, p.isFullRound(r), "round " + r);
        }
        assertThrows(IndexOutOfBoundsException.class, () -> p.isFullRound(p.rounds()));
    }

    @Test
    void firstAndLastConstantsAreCircomlibjss() {
        // poseidon_constants.json: C[0][0], M[0][0][0], C[15][last], M[15][16][16]
        assertEquals(hex("09c46e9ec68e9bd4fe1faaba294cba38a71aa177534cdd1b6c7dc0dbd0abd7a7"),
                PoseidonParameters.forWidth(2).roundConstant(0, 0));
        PoseidonParameters p17 = PoseidonParameters.forWidth(17);
        PoseidonParameters p2 = PoseidonParameters.forWidth(2);
        assertEquals(hex("066f6f85d6f68a85ec10345351a23a3aaf07f38af8c952a7bceca70bd2af7ad5"), p2.mds(0, 0));
        assertEquals(hex("2a437b970ff32645bd5303f9474b5743427333c6663d17f44d918e9f2ca005d4"),
                p17.roundConstant(p17.rounds() - 1, 16));
        assertEquals(hex("1d3ee85f078fbeecda2473efc2bedd1ba7ec6f4795faaeae3b0de48d3080c625"), p17.mds(16, 16));
        assertThrows(IndexOutOfBoundsException.class, () -> p17.roundConstant(0, 17));
        assertThrows(IndexOutOfBoundsException.class, () -> p17.mds(17, 0));
    }

    @Test
    void everyMdsMatrixIsInvertible() {
        for (int t = 2; t <= 17; t++) {
            assertFalse(determinant(PoseidonParameters.forWidth(t)).isZero(), "t = " + t);
        }
    }

    @Test
    void refusesWidthsCircomlibLacks() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PoseidonParameters.forWidth(18));
        assertTrue(e.getMessage().contains("2..17"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PoseidonParameters.forWidth(1));
    }

    private static Fr determinant(PoseidonParameters p) {
        int t = p.width();
        Fr[][] a = new Fr[t][t];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < t; j++) {
                a[i][j] = p.mds(i, j);
            }
        }
        Fr det = Fr.ONE;
        for (int c = 0; c < t; c++) {
            int pivot = c;
            while (pivot < t && a[pivot][c].isZero()) {
                pivot++;
            }
            if (pivot == t) {
                return Fr.ZERO;
            }
            if (pivot != c) {
                Fr[] tmp = a[pivot];
                a[pivot] = a[c];
                a[c] = tmp;
                det = det.neg();
            }
            det = det.mul(a[c][c]);
            Fr inv = a[c][c].inverse();
            for (int r = c + 1; r < t; r++) {
                Fr f = a[r][c].mul(inv);
                for (int k = c; k < t; k++) {
                    a[r][k] = a[r][k].sub(f.mul(a[c][k]));
                }
            }
        }
        return det;
    }

    private static Fr hex(String h) {
        return Fr.of(new BigInteger(h, 16));
    }
}
