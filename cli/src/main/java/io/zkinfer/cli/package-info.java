/**
 * The {@code zkinfer} command line (picocli). Commands only parse arguments and call the
 * modules' APIs; the Groth16 commands' files are the circom/snarkjs formats ({@code .r1cs},
 * {@code .wtns}, {@code .zkey}, {@code .ptau}, {@code verification_key.json}, {@code proof.json},
 * {@code public.json}) so that scripts can mix zkinfer and snarkjs steps; the model commands
 * ({@code inspect}, {@code quantize}, {@code run}) read ONNX models and tensor JSON files
 * ({@code io.zkinfer.inference.io.TensorJson}). Groth16 is J. Groth, "On the Size of Pairing-based
 * Non-interactive Arguments", EUROCRYPT 2016.
 */
package io.zkinfer.cli;
