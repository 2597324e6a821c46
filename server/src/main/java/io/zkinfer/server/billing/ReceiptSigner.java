package io.zkinfer.server.billing;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Signs receipts with the node's Ed25519 key (Bouncy Castle, RFC 8032). The private key never leaves this object. */
public final class ReceiptSigner {

    private final Ed25519PrivateKeyParameters privateKey;
    private final byte[] publicKey;

    private ReceiptSigner(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.publicKey = privateKey.generatePublicKey().getEncoded();
    }

    /** A fresh key pair from {@code random}. */
    public static ReceiptSigner generate(SecureRandom random) {
        return new ReceiptSigner(new Ed25519PrivateKeyParameters(random));
    }

    /** The signer for a stored 32-byte Ed25519 private key (seed). */
    public static ReceiptSigner fromPrivateKey(byte[] privateKey32) {
        if (privateKey32 == null || privateKey32.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 private key is 32 bytes; got "
                    + (privateKey32 == null ? "none" : privateKey32.length + " bytes"));
        }
        return new ReceiptSigner(new Ed25519PrivateKeyParameters(privateKey32, 0));
    }

    /** The 32-byte private key, for the node's key file only. */
    public byte[] privateKey() {
        return privateKey.getEncoded();
    }

    /** The 32-byte public key that verifies this node's receipts. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** Signs {@code receipt}. */
    public SignedReceipt sign(Receipt receipt) {
        byte[] message = receipt.canonicalBytes();
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, 0, message.length);
        HexFormat hex = HexFormat.of();
        return new SignedReceipt(receipt, hex.formatHex(signer.generateSignature()), hex.formatHex(publicKey));
    }

    @Override
    public String toString() {
        return "ReceiptSigner[publicKey=" + HexFormat.of().formatHex(publicKey) + "]";
    }
}
