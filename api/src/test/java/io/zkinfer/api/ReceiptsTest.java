package io.zkinfer.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import io.zkinfer.api.v1.Money;
import io.zkinfer.api.v1.SettlementReceipt;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * A receipt signed over its canonical bytes checks with the signer's key and with no other; any changed field fails;
 * a trusted key that is not a curve point is refused. (The node's own signer is checked against this class in the
 * server's end-to-end test.)
 */
class ReceiptsTest {

    @Test
    void aSignedReceiptChecksAndAChangedOneDoesNot() throws Exception {
        KeyPair node = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        SettlementReceipt unsigned = SettlementReceipt.newBuilder().setReceiptId("r-1").setCallId("c-1")
                .setModelId("mdl_a").setModelVersion("2").setInputSha256("aa".repeat(32))
                .setOutputSha256("bb".repeat(32)).setClientAccountId("bob").setDeveloperAccountId("ann")
                .setAmount(zkc(2_000)).setDeveloperShare(zkc(1_400)).setPlatformShare(zkc(600))
                .setDeveloperShareBps(7_000).setDecimals(6)
                .setIssuedAt(Timestamp.newBuilder().setSeconds(1_790_000_000).setNanos(123_000_000)).build();
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(node.getPrivate());
        signer.update(Receipts.canonicalBytes(unsigned));
        SettlementReceipt receipt = unsigned.toBuilder().setSignatureHex(HexFormat.of().formatHex(signer.sign()))
                .build();
        byte[] encoded = node.getPublic().getEncoded();
        byte[] key = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);

        assertTrue(Receipts.verify(receipt, key));
        assertFalse(Receipts.verify(receipt.toBuilder().setAmount(zkc(2_001)).build(), key));
        assertFalse(Receipts.verify(receipt.toBuilder().setModelVersion("3").build(), key));
        assertFalse(Receipts.verify(receipt.toBuilder().setIssuedAt(receipt.getIssuedAt().toBuilder()
                .setNanos(124_000_000)).build(), key));
        assertFalse(Receipts.verify(receipt.toBuilder().setSignatureHex("zz").build(), key));
        byte[] other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
        assertFalse(Receipts.verify(receipt, Arrays.copyOfRange(other, other.length - 32, other.length)));
        byte[] notAPoint = new byte[32];
        Arrays.fill(notAPoint, (byte) 0xff);
        assertThrows(IllegalArgumentException.class, () -> Receipts.verify(receipt, notAPoint));
        assertThrows(IllegalArgumentException.class, () -> Receipts.verify(receipt, new byte[31]));
    }

    private static Money zkc(long minor) {
        return Money.newBuilder().setMinorUnits(minor).setCurrency("ZKC").build();
    }
}
