/**
 * Model directories and the steps of proven inference: {@link io.zkinfer.prover.model.ModelDirectory} (the files a
 * compiled model consists of), {@link io.zkinfer.prover.model.CircuitSettings} and
 * {@link io.zkinfer.prover.model.Manifest} (versioned JSON: what was compiled, and the SHA-256 of every file and the
 * model id), and one class per step of the {@code zkinfer} commands: {@link io.zkinfer.prover.model.CompileStep},
 * {@link io.zkinfer.prover.model.SetupStep}, {@link io.zkinfer.prover.model.ProveStep},
 * {@link io.zkinfer.prover.model.VerifyStep} and {@link io.zkinfer.prover.model.MockStep}. The proof system is
 * Groth16 (see {@link io.zkinfer.prover}); the files of a proof are snarkjs's, so snarkjs verifies them too.
 */
package io.zkinfer.prover.model;
