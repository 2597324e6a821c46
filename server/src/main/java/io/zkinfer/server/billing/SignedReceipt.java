package io.zkinfer.server.billing;

/**
 * A receipt with the node's Ed25519 signature over its {@link Receipt#canonicalBytes()}.
 *
 * @param receipt      the receipt
 * @param signatureHex the 64-byte signature, lower-case hex
 * @param nodeKeyHex   the signing node's 32-byte Ed25519 public key, lower-case hex (informative: verify against
 *                     the key you trust, not this one)
 */
public record SignedReceipt(Receipt receipt, String signatureHex, String nodeKeyHex) {
}
