package io.zkinfer.api;

import io.zkinfer.api.v1.SettlementReceipt;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;

/**
 * Offline checks of a node's settlement receipts with nothing but the JDK (Ed25519, RFC 8032) and the node's public
 * key: {@link #verify} rebuilds the receipt's canonical bytes — {@code zkinfer-receipt-v1}, then the receipt id, call
 * id, model id, model version, input digest, output digest, client, developer and currency code, each as a 4-byte
 * big-endian length and its UTF-8 bytes, then the decimals (4 bytes), the amount, developer share and platform share
 * (8 bytes each, minor units), the developer share in basis points (4 bytes) and the time (8 bytes, milliseconds
 * since the epoch) — and checks the signature over them.
 */
public final class Receipts {

    private static final String TAG = "zkinfer-receipt-v1";
    /** The DER prefix of an X.509 Ed25519 public key; the raw 32 bytes follow it. */
    private static final byte[] ED25519_X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private Receipts() {
    }

    /**
     * Whether {@code receipt} was signed by the node whose 32-byte Ed25519 public key is {@code trustedNodeKey} and
     * is unchanged since. The key the receipt itself names is not trusted: pass the one you know. A key that is not a
     * point of the curve is refused with {@link IllegalArgumentException}.
     */
    public static boolean verify(SettlementReceipt receipt, byte[] trustedNodeKey) {
        if (trustedNodeKey.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, not " + trustedNodeKey.length);
        }
        byte[] signature;
        try {
            signature = HexFormat.of().parseHex(receipt.getSignatureHex());
        } catch (IllegalArgumentException e) {
            return false;
        }
        try {
            byte[] x509 = new byte[ED25519_X509_PREFIX.length + 32];
            System.arraycopy(ED25519_X509_PREFIX, 0, x509, 0, ED25519_X509_PREFIX.length);
            System.arraycopy(trustedNodeKey, 0, x509, ED25519_X509_PREFIX.length, 32);
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(canonicalBytes(receipt));
            return verifier.verify(signature);
        } catch (java.security.SignatureException e) {
            return false;
        } catch (java.security.InvalidKeyException | java.security.spec.InvalidKeySpecException e) {
            throw new IllegalArgumentException("the trusted key is not an Ed25519 public key: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot check Ed25519 signatures: " + e.getMessage(), e);
        }
    }

    /** The bytes a node signs for {@code receipt} (see the class comment). */
    public static byte[] canonicalBytes(SettlementReceipt r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(TAG.getBytes(StandardCharsets.US_ASCII));
            for (String s : new String[] {r.getReceiptId(), r.getCallId(), r.getModelId(), r.getModelVersion(),
                r.getInputSha256(), r.getOutputSha256(), r.getClientAccountId(), r.getDeveloperAccountId(),
                r.getAmount().getCurrency()}) {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                out.writeInt(utf8.length);
                out.write(utf8);
            }
            out.writeInt(r.getDecimals());
            out.writeLong(r.getAmount().getMinorUnits());
            out.writeLong(r.getDeveloperShare().getMinorUnits());
            out.writeLong(r.getPlatformShare().getMinorUnits());
            out.writeInt(r.getDeveloperShareBps());
            out.writeLong(r.getIssuedAt().getSeconds() * 1000 + r.getIssuedAt().getNanos() / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
