package io.zkinfer.server.billing;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReceiptTest {

    private static final Receipt RECEIPT = new Receipt("r-1", "call-1", "mnist", "v3", "sha256:in", "sha256:out", "alice", "dev-ann",
            Money.zkc(1_000_001), Split.of(Money.zkc(1_000_001), 7000), Instant.parse("2026-11-28T12:00:00.123Z"));

    private final ReceiptSigner signer = ReceiptSigner.generate(new SecureRandom());
    private final ReceiptVerifier verifier = new ReceiptVerifier(signer.publicKey());

    @Test
    void signedReceiptVerifiesOfflineWithThePublicKeyAlone() {
        SignedReceipt signed = signer.sign(RECEIPT);
        assertEquals(128, signed.signatureHex().length());
        assertTrue(ReceiptVerifier.ofHex(HexFormat.of().formatHex(signer.publicKey())).verify(signed));
        // a key restored from its 32 bytes signs identically (Ed25519 is deterministic)
        assertEquals(signed, ReceiptSigner.fromPrivateKey(signer.privateKey()).sign(RECEIPT));
    }

    @Test
    void everyTamperedFieldIsRejected() {
        SignedReceipt signed = signer.sign(RECEIPT);
        Receipt r = RECEIPT;
        Split otherSplit = Split.of(r.amount(), 6999);
        List<Receipt> twins = List.of(
                new Receipt("r-2", r.callId(), r.modelId(), r.modelVersion(), r.inputDigest(), r.outputDigest(), r.client(), r.developer(), r.amount(), r.split(), r.issuedAt()),
                new Receipt(r.receiptId(), "call-2", r.modelId(), r.modelVersion(), r.inputDigest(), r.outputDigest(), r.client(), r.developer(), r.amount(), r.split(), r.issuedAt()),
                new Receipt(r.receiptId(), r.callId(), "mnist2", r.modelVersion(), r.inputDigest(), r.outputDigest(), r.client(), r.developer(), r.amount(), r.split(), r.issuedAt()),
                new Receipt(r.receiptId(), r.callId(), r.modelId(), "v4", r.inputDigest(), r.outputDigest(), r.client(), r.developer(), r.amount(), r.split(), r.issuedAt()),
                new Receipt(r.receiptId(), r.callId(), r.modelId(), r.modelVersion(), "sha256:IN", r.outputDigest(), r.client(), r.developer(), r.amount(), r.split(), r.issuedAt()),
                new Receipt(r.receiptId(), r.callId(), r.modelId(), r.modelVersion(), r.inputDigest(), "sha256:OUT", r.client(), r.developer(), r.amount(), r.split(), r.issuedAt()),
                new Receipt(r.receiptId(), r.callId(), r.modelId(), r.modelVersion(), r.inputDigest(), r.outputDigest(), "mallory", r.developer(), r.amount(), r.split(), r.issuedAt()),
                new Receipt(r.receiptId(), r.callId(), r.modelId(), r.modelVersion(), r.inputDigest(), r.outputDigest(), r.client(), "dev-eve", r.amount(), r.split(), r.issuedAt()),
                new Receipt(r.receiptId(), r.callId(), r.modelId(), r.modelVersion(), r.inputDigest(), r.outputDigest(), r.client(), r.developer(), Money.zkc(1), Split.of(Money.zkc(1), 7000), r.issuedAt()),
                new Receipt(r.receiptId(), r.callId(), r.modelId(), r.modelVersion(), r.inputDigest(), r.outputDigest(), r.client(), r.developer(), r.amount(), otherSplit, r.issuedAt()),
                new Receipt(r.receiptId(), r.callId(), r.modelId(), r.modelVersion(), r.inputDigest(), r.outputDigest(), r.client(), r.developer(), r.amount(), r.split(), r.issuedAt().plusMillis(1)),
                // field boundaries are length-prefixed: moving a character between adjacent fields changes the bytes
                new Receipt(r.receiptId(), r.callId(), r.modelId(), r.modelVersion(), r.inputDigest() + "s", "ha256:out", r.client(), r.developer(), r.amount(), r.split(), r.issuedAt()));
        for (Receipt twin : twins) {
            assertFalse(verifier.verify(new SignedReceipt(twin, signed.signatureHex(), signed.nodeKeyHex())), "tampered " + twin);
        }
    }

    @Test
    void tamperedSignatureOrAnotherNodesKeyIsRejected() {
        SignedReceipt signed = signer.sign(RECEIPT);
        byte[] signature = HexFormat.of().parseHex(signed.signatureHex());
        for (int i = 0; i < signature.length; i += 7) {
            byte[] flipped = signature.clone();
            flipped[i] ^= 1;
            assertFalse(verifier.verify(new SignedReceipt(RECEIPT, HexFormat.of().formatHex(flipped), signed.nodeKeyHex())), "bit flipped in byte " + i);
        }
        assertFalse(verifier.verify(new SignedReceipt(RECEIPT, signed.signatureHex().substring(2), signed.nodeKeyHex())));
        assertFalse(verifier.verify(new SignedReceipt(RECEIPT, "not hex", signed.nodeKeyHex())));
        ReceiptSigner other = ReceiptSigner.generate(new SecureRandom());
        assertFalse(new ReceiptVerifier(other.publicKey()).verify(signed));
        assertFalse(verifier.verify(other.sign(RECEIPT)));
    }

    @Test
    void canonicalEncodingIsStable() {
        byte[] bytes = RECEIPT.canonicalBytes();
        assertArrayEquals(bytes, RECEIPT.canonicalBytes());
        assertEquals("zkinfer-receipt-v1", new String(bytes, 0, 18, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(0, bytes[18]);
        assertEquals(3, bytes[21]); // length of "r-1"
        assertThrows(IllegalArgumentException.class, () -> ReceiptSigner.fromPrivateKey(new byte[31]));
        assertFalse(signer.toString().contains(HexFormat.of().formatHex(signer.privateKey())), "the signer never prints its private key");
    }
}
