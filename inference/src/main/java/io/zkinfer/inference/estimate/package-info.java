/**
 * Resource estimates for a float model before it is quantized and compiled: parameters, multiply-accumulates,
 * peak activation memory (liveness over the topological order), and R1CS constraints per operator under the
 * documented {@link io.zkinfer.inference.estimate.ConstraintCostModel}, whose range checks by bit decomposition
 * and rescaling by shifts follow the usual zkML constructions (e.g. EZKL, https://github.com/zkonduit/ezkl; ZEN,
 * https://eprint.iacr.org/2021/087). Every constraint figure is an estimate, not a count of a compiled circuit.
 */
package io.zkinfer.inference.estimate;
