/**
 * Groth16 verification over BN254, small enough for a verify-only node (it depends on the algebra
 * module and Jackson only).
 *
 * <p>Protocol: J. Groth, "On the Size of Pairing-Based Non-interactive Arguments", EUROCRYPT 2016
 * (LNCS 9666, pp. 305–326; ePrint 2016/260), §3.2: accept {@code (A, B, C)} for public signals
 * {@code x₁..xₙ} iff {@code e(A, B) = e(α, β) · e(Σ xᵢ·IC[i], γ) · e(C, δ)} with {@code x₀ = 1}.
 * Pairing and curve arithmetic come from {@code io.zkinfer.algebra} (optimal ate pairing on BN254,
 * EIP-196/EIP-197 curve parameters).
 *
 * <p>Formats: the JSON files of snarkjs 0.7 ({@code github.com/iden3/snarkjs}) —
 * {@code verification_key.json} as written by {@code zkey export verificationkey}
 * ({@code src/zkey_export_verificationkey.js}), {@code proof.json} and {@code public.json} as written
 * by {@code groth16 prove|fullprove} ({@code src/groth16_prove.js}); numbers are decimal strings
 * (ffjavascript {@code utils.stringifyBigInts}), points are projective {@code [x, y, z]} with
 * {@code z = 1} (infinity {@code [0, 1, 0]}), G2 coordinates are {@code [c0, c1]} pairs, and files are
 * {@code JSON.stringify(obj, null, 1)} with no trailing newline.
 *
 * <p>Entry points: {@link io.zkinfer.verifier.SnarkjsFiles} to read/write the files,
 * {@link io.zkinfer.verifier.Groth16Verifier} to verify. An invalid proof yields {@code false};
 * unusable input throws a {@link io.zkinfer.verifier.VerifierInputException}.
 */
package io.zkinfer.verifier;
