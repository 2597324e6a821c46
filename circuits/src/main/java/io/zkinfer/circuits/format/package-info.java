/**
 * The circom/snarkjs binary files for constraint systems and witnesses, built on the iden3 "binfile"
 * container (4-byte magic, u32 version, u32 section count, then typed, length-prefixed sections,
 * all little-endian). {@link io.zkinfer.circuits.format.BinFile} is the one reader of that container, for
 * these files and for the prover's snarkjs {@code .zkey} and {@code .ptau}: from memory, or from a file with
 * each section read on demand, walked with a {@link io.zkinfer.circuits.format.SectionCursor};
 * {@link io.zkinfer.circuits.format.BinFileWriter} streams it.
 *
 * <ul>
 *   <li>.r1cs, version 1: iden3 "R1CS binary format"
 *       (https://github.com/iden3/r1csfile/blob/master/doc/r1cs_bin_format.md), as written by circom 2
 *       and read by r1csfile's {@code readR1cs}.</li>
 *   <li>.wtns, version 2: snarkjs {@code src/wtns_utils.js} (sections 1 header, 2 values) with
 *       {@code @iden3/binfileutils}, as written by {@code snarkjs wtns calculate}.</li>
 *   <li>.sym: circom's signal symbol list ({@code labelId,wireId,componentId,name} per line).</li>
 * </ul>
 *
 * <p>Only BN254's scalar field r is accepted; field elements are 32 bytes little-endian in standard
 * form and must be reduced mod r.
 */
package io.zkinfer.circuits.format;
