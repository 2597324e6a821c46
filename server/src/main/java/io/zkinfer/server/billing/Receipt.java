package io.zkinfer.server.billing;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * What a node attests about one settled call. {@link #canonicalBytes()} is the signed message:
 * <pre>
 *   "zkinfer-receipt-v1"  (18 ASCII bytes, no length)
 *   then, in this order, each string as a 4-byte big-endian length and its UTF-8 bytes, each integer big-endian:
 *   receiptId, callId, modelId, modelVersion, inputDigest, outputDigest, client, developer   (strings)
 *   currency code (string), decimals (4 bytes), amount, developerShare, platformShare (8 bytes each, minor units),
 *   developerShareBps (4 bytes), issuedAt (8 bytes, milliseconds since the Unix epoch, UTC)
 * </pre>
 *
 * @param receiptId         receipt id
 * @param callId            the settled call
 * @param modelId           model
 * @param modelVersion      model version
 * @param inputDigest       digest of the input
 * @param outputDigest      digest of the output the proof verified
 * @param client            who paid
 * @param developer         who earned the developer share
 * @param amount            amount charged
 * @param split             developer/platform division of the amount
 * @param issuedAt          when it settled (millisecond precision)
 */
public record Receipt(String receiptId, String callId, String modelId, String modelVersion, String inputDigest,
                      String outputDigest, String client, String developer, Money amount, Split split, Instant issuedAt) {

    /** The domain tag that starts every signed receipt. */
    public static final String TAG = "zkinfer-receipt-v1";

    public Receipt {
        if (!split.total().equals(amount)) {
            throw new IllegalArgumentException("receipt " + receiptId + ": split does not sum to " + amount);
        }
        issuedAt = Instant.ofEpochMilli(issuedAt.toEpochMilli());
    }

    /** The canonical encoding that is signed (see the class comment). */
    public byte[] canonicalBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(TAG.getBytes(StandardCharsets.US_ASCII));
            for (String s : new String[] {receiptId, callId, modelId, modelVersion, inputDigest, outputDigest, client, developer}) {
                writeString(out, s);
            }
            writeString(out, amount.coin().code());
            out.writeInt(amount.coin().decimals());
            out.writeLong(amount.minor());
            out.writeLong(split.developer().minor());
            out.writeLong(split.platform().minor());
            out.writeInt(split.developerShareBps());
            out.writeLong(issuedAt.toEpochMilli());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] utf8 = (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }
}
