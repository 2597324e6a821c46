package io.zkinfer.algebra.hash;

import io.zkinfer.algebra.field.Fr;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The parameters of circomlib's Poseidon permutation over BN254 for one state width {@code t} ({@code t - 1}
 * inputs): the number of full and partial rounds, the round constants {@code C[k]},
 * {@code k = round·t + i}, added to state element {@code i} at the start of each round, and the MDS matrix
 * {@code M}, applied as {@code state'[i] = Σ_j M[i][j]·state[j]} at the end of each round. Immutable.
 *
 * <p>The values are circomlibjs's plain {@code poseidon_constants.json} ({@code C[t-2]}, {@code M[t-2]}),
 * carried in the resource {@value #RESOURCE} and checked against its SHA-256 digest when first used; the
 * resource is written by {@code algebra/tools/poseidon-constants.mjs}, and a test re-derives it from the pinned
 * circomlibjs.
 */
public final class PoseidonParameters {

    /** The smallest state width (1 input). */
    public static final int MIN_WIDTH = 2;
    /** The largest state width circomlib supports (16 inputs). */
    public static final int MAX_WIDTH = 17;
    /** Full rounds, for every width: half before the partial rounds, half after. */
    public static final int FULL_ROUNDS = 8;
    /** The resource holding the constants, relative to this class. */
    public static final String RESOURCE = "poseidon-bn254-circomlib.bin";
    /** SHA-256 of {@link #RESOURCE}, as generated from circomlibjs 0.1.7. */
    static final String RESOURCE_SHA256 = "86eeeaba0f63f5505fa2750100abd6a6f5a0759b25f31474126adfcd7bbbcda1";

    private static final int[] PARTIAL_ROUNDS = {56, 57, 56, 60, 60, 63, 64, 63, 60, 66, 60, 65, 70, 60, 64, 68};
    private static final byte[] MAGIC = {'P', 'S', 'D', 'N', '2', '5', '4', 1};

    private final int width;
    private final int partialRounds;
    /** Montgomery limbs of the round constants, 4 per element, in order {@code k = round·t + i}. */
    private final long[] roundConstants;
    /** Montgomery limbs of the MDS matrix, 4 per element, row-major. */
    private final long[] mds;

    private PoseidonParameters(int width, int partialRounds, long[] roundConstants, long[] mds) {
        this.width = width;
        this.partialRounds = partialRounds;
        this.roundConstants = roundConstants;
        this.mds = mds;
    }

    /**
     * The parameters for state width {@code t} ({@code t - 1} inputs).
     *
     * @throws IllegalArgumentException unless {@code 2 <= t <= 17}
     */
    public static PoseidonParameters forWidth(int t) {
        if (t < MIN_WIDTH || t > MAX_WIDTH) {
            throw new IllegalArgumentException("no circomlib Poseidon parameters for state width " + t
                    + ": circomlib supports widths " + MIN_WIDTH + ".." + MAX_WIDTH + " (1 to "
                    + (MAX_WIDTH - 1) + " inputs); hash longer inputs as a sponge or a tree of 16-input hashes");
        }
        return Table.ALL[t - MIN_WIDTH];
    }

    /** The number of partial rounds circomlib uses for width {@code t} (its {@code N_ROUNDS_P[t - 2]}). */
    public static int partialRounds(int t) {
        return forWidth(t).partialRounds;
    }

    /** The state width {@code t}. */
    public int width() {
        return width;
    }

    /** {@value #FULL_ROUNDS}. */
    public int fullRounds() {
        return FULL_ROUNDS;
    }

    /** The number of partial rounds (S-box on state element 0 only). */
    public int partialRounds() {
        return partialRounds;
    }

    /** Full plus partial rounds. */
    public int rounds() {
        return FULL_ROUNDS + partialRounds;
    }

    /** Whether round {@code round} (0-based) is a full round, applying the S-box to every state element. */
    public boolean isFullRound(int round) {
        checkRound(round);
        return round < FULL_ROUNDS / 2 || round >= FULL_ROUNDS / 2 + partialRounds;
    }

    /** The constant added to state element {@code i} at the start of round {@code round} ({@code C[round·t + i]}). */
    public Fr roundConstant(int round, int i) {
        checkRound(round);
        checkIndex(i, "state index");
        return element(roundConstants, round * width + i);
    }

    /** The MDS matrix entry {@code M[i][j]}: the weight of input element {@code j} in output element {@code i}. */
    public Fr mds(int i, int j) {
        checkIndex(i, "row");
        checkIndex(j, "column");
        return element(mds, i * width + j);
    }

    /** Round-constant limbs, shared with {@link Poseidon}; never handed out. */
    long[] roundConstantLimbs() {
        return roundConstants;
    }

    /** MDS limbs, shared with {@link Poseidon}; never handed out. */
    long[] mdsLimbs() {
        return mds;
    }

    @Override
    public String toString() {
        return "circomlib Poseidon over BN254, t = " + width + " (" + FULL_ROUNDS + " full + " + partialRounds
                + " partial rounds, x^5 S-box)";
    }

    private static Fr element(long[] limbs, int index) {
        int o = 4 * index;
        return Fr.fromMontgomeryLimbs(limbs[o], limbs[o + 1], limbs[o + 2], limbs[o + 3]);
    }

    private void checkRound(int round) {
        if (round < 0 || round >= rounds()) {
            throw new IndexOutOfBoundsException("round " + round + " (t = " + width + " has rounds 0.." + (rounds() - 1) + ")");
        }
    }

    private void checkIndex(int i, String what) {
        if (i < 0 || i >= width) {
            throw new IndexOutOfBoundsException(what + " " + i + " (t = " + width + ": valid 0.." + (width - 1) + ")");
        }
    }

    /** Loads every width once, on first use. */
    private static final class Table {
        static final PoseidonParameters[] ALL = load();

        private static PoseidonParameters[] load() {
            byte[] bytes;
            try (InputStream in = PoseidonParameters.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + RESOURCE + " next to "
                            + PoseidonParameters.class.getName() + ": the algebra jar is incomplete; rebuild it");
                }
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the Poseidon constants " + RESOURCE, e);
            }
            String digest = sha256(bytes);
            if (!digest.equals(RESOURCE_SHA256)) {
                throw new IllegalStateException("corrupt Poseidon constants " + RESOURCE + ": SHA-256 " + digest
                        + ", expected " + RESOURCE_SHA256 + "; regenerate it with algebra/tools/poseidon-constants.mjs");
            }
            try {
                return parse(new DataInputStream(new ByteArrayInputStream(bytes)));
            } catch (IOException e) {
                throw new IllegalStateException("malformed Poseidon constants " + RESOURCE + ": " + e.getMessage(), e);
            }
        }

        private static PoseidonParameters[] parse(DataInputStream in) throws IOException {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException("bad magic " + HexFormat.of().formatHex(magic));
            }
            int widths = in.readInt();
            if (widths != MAX_WIDTH - MIN_WIDTH + 1) {
                throw new IOException(widths + " widths, expected " + (MAX_WIDTH - MIN_WIDTH + 1));
            }
            PoseidonParameters[] all = new PoseidonParameters[widths];
            byte[] buf = new byte[Fr.BYTES];
            for (int w = 0; w < widths; w++) {
                int t = in.readInt();
                int full = in.readInt();
                int partial = in.readInt();
                int constants = in.readInt();
                if (t != MIN_WIDTH + w || full != FULL_ROUNDS || partial != PARTIAL_ROUNDS[w]
                        || constants != (full + partial) * t) {
                    throw new IOException("width header (t " + t + ", full " + full + ", partial " + partial
                            + ", constants " + constants + ") differs from circomlib's for t = " + (MIN_WIDTH + w)
                            + " (full " + FULL_ROUNDS + ", partial " + PARTIAL_ROUNDS[w] + ")");
                }
                long[] rc = readElements(in, constants, buf);
                long[] m = readElements(in, t * t, buf);
                all[w] = new PoseidonParameters(t, partial, rc, m);
            }
            if (in.read() != -1) {
                throw new IOException("trailing bytes after the last width");
            }
            return all;
        }

        private static long[] readElements(DataInputStream in, int n, byte[] buf) throws IOException {
            long[] limbs = new long[4 * n];
            for (int k = 0; k < n; k++) {
                in.readFully(buf);
                Fr.fromBytesBE(buf, 0).toMontgomeryLimbs(limbs, 4 * k);
            }
            return limbs;
        }

        private static String sha256(byte[] bytes) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 unavailable in this JVM", e);
            }
        }
    }
}
