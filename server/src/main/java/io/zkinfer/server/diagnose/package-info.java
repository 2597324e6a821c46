/**
 * What the DiagnosticsService answers, as plain classes the gRPC service translates: a model version's health
 * ({@link io.zkinfer.server.diagnose.ModelHealthCheck}), its recent performance over windows cut out of the node's
 * cumulative metrics ({@link io.zkinfer.server.diagnose.PerformanceWindows}), the validation of a model file before
 * deployment ({@link io.zkinfer.server.diagnose.ModelFileCheck}), and what proving a model would take
 * ({@link io.zkinfer.server.diagnose.ResourceEstimator}).
 */
package io.zkinfer.server.diagnose;
