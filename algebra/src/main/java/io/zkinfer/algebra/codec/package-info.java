/**
 * Encodings of BN254 points and GT elements: the big-endian byte layouts of EIP-196/197 (and a flag-bit
 * compressed form), the little-endian Montgomery layout of snarkjs {@code .zkey}/{@code .ptau} files, and the
 * decimal-string JSON of snarkjs verification keys and proofs.
 *
 * <p>References: EIP-196 (https://eips.ethereum.org/EIPS/eip-196) and EIP-197
 * (https://eips.ethereum.org/EIPS/eip-197) for the 64/128-byte point layouts and the (0, 0) infinity; iden3
 * snarkjs ({@code zkey_export_verificationkey.js}) and ffjavascript ({@code toObject} of G1, G2 and the Fq12 GT
 * element) for the JSON forms and the binary Montgomery sections.
 */
package io.zkinfer.algebra.codec;
