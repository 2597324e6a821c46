/**
 * The progress-listener hook that long steps in every module report to ({@link io.zkinfer.algebra.progress.Progress}),
 * and that the command line turns into a progress bar. It sits in the algebra module because every other module
 * depends on it; it carries no algebra.
 */
package io.zkinfer.algebra.progress;
