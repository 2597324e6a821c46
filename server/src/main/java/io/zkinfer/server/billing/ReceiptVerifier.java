package io.zkinfer.server.billing;

import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

import java.util.HexFormat;

/**
 * Checks receipts offline against a node's Ed25519 public key: re-encodes the receipt canonically and verifies the
 * signature. Any changed field, signature byte or key fails.
 */
public final class ReceiptVerifier {

    private final Ed25519PublicKeyParameters publicKey;

    /** A verifier for the node whose 32-byte public key is {@code publicKey32}. */
    public ReceiptVerifier(byte[] publicKey32) {
        if (publicKey32 == null || publicKey32.length != Ed25519PublicKeyParameters.KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 public key is 32 bytes; got "
                    + (publicKey32 == null ? "none" : publicKey32.length + " bytes"));
        }
        this.publicKey = new Ed25519PublicKeyParameters(publicKey32, 0);
    }

    /** A verifier for a node's public key in hex. */
    public static ReceiptVerifier ofHex(String publicKeyHex) {
        return new ReceiptVerifier(HexFormat.of().parseHex(publicKeyHex));
    }

    /** Whether {@code signed}'s signature is this node's over its receipt. */
    public boolean verify(SignedReceipt signed) {
        byte[] signature;
        try {
            signature = HexFormat.of().parseHex(signed.signatureHex());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (signature.length != Ed25519PublicKeyParameters.KEY_SIZE * 2) {
            return false;
        }
        byte[] message = signed.receipt().canonicalBytes();
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, publicKey);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }
}
