/**
 * Reports of what a built circuit costs: {@link io.zkinfer.circuits.report.ConstraintReport} turns the per-scope
 * statistics of a {@link io.zkinfer.circuits.builder.Circuit} into the constraint table of
 * {@code zkinfer compile --stats} and the one-page HTML chart of {@code zkinfer compile --report}.
 */
package io.zkinfer.circuits.report;
