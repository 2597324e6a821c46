/**
 * Groth16 over BN254: key generation, proving, and proving-key storage, interoperable with snarkjs.
 *
 * <p>The proof system is Groth's "On the Size of Pairing-based Non-interactive Arguments" (EUROCRYPT 2016),
 * in the formulation of snarkjs/circom: the R1CS is turned into a QAP over the n-th roots of unity with one
 * extra A-row per public signal, and the quotient h = (a·b − c)/Z is never formed — its evaluations on the
 * odd coset of the 2n-th roots, where Z = −2, meet H-query points that already fold in Z and 1/δ.
 *
 * <ul>
 *   <li>{@link io.zkinfer.prover.Groth16Setup}: keys from fresh toxic waste, or the circuit-specific phase over
 *       a prepared powers-of-tau ceremony ({@link io.zkinfer.prover.PtauFile}). The ceremony is the
 *       multi-party protocol of Bowe, Gabizon and Miers, "Scalable Multi-party Computation for zk-SNARK
 *       Parameters in the Random Beacon Model" (2017), building on the parameter generation of
 *       Ben-Sasson, Chiesa, Tromer and Virza (BCTV14, USENIX Security 2014).</li>
 *   <li>{@link io.zkinfer.prover.Groth16Prover}: proofs with fresh blinding, the QAP step behind
 *       {@link io.zkinfer.prover.QapReduction} and MSM/NTT behind the algebra module's KernelBackend SPI.</li>
 *   <li>{@link io.zkinfer.prover.ProvingKey}: the key in the snarkjs {@code .zkey} layout; read snarkjs keys with
 *       {@link io.zkinfer.prover.ZkeyFile} and store ours with {@link io.zkinfer.prover.ProvingKeyFile};
 *       {@link io.zkinfer.prover.ProvingKeys} reads either, told apart by their magic bytes.</li>
 * </ul>
 *
 * <p>File formats: snarkjs {@code .zkey} (binfile type "zkey": header, IC, coefficients, A, B1, B2, C, H
 * sections; src/zkey_utils.js, src/zkey_new.js) and {@code .ptau} (binfile type "ptau": τ, ατ, βτ powers and,
 * after {@code powersoftau prepare phase2}, their Lagrange forms in sections 12–15; src/powersoftau_*.js), both
 * in the iden3 binfile container (read with the circuits module's {@link io.zkinfer.circuits.format.BinFile},
 * .zkey written with its {@link io.zkinfer.circuits.format.BinFileWriter}) with little-endian Montgomery
 * coordinates; and zkinfer's own proving-key file
 * described in {@link io.zkinfer.prover.ProvingKeyFile}: magic "ZKIPKEY\0", version 1, header counts, the
 * same points and coefficients as raw little-endian Montgomery limbs, and a SHA-256 trailer checked on load.
 */
package io.zkinfer.prover;
