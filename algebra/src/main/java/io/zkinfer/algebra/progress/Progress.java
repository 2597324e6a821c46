package io.zkinfer.algebra.progress;

/**
 * A listener for the progress of a long step (compiling a model, a Groth16 setup, a proof), so that a command line
 * can draw a progress bar with an estimate of the time left while the libraries stay free of any output.
 *
 * <p>Contract for a caller: {@code done} and {@code total} measure the whole operation in work units of the
 * caller's choosing (constraints, points, nodes), {@code 0 <= done <= total}, {@code total} stays the same and
 * {@code done} never decreases during one operation, and the operation ends with {@code done == total}. The
 * {@code phase} names the step that advanced last (e.g. {@code "prove: MSM A"}); it may change while
 * {@code done} keeps growing. Calls may come from several threads, but never concurrently: a caller that updates
 * from worker threads serialises its calls. A listener must return quickly and must not throw.
 */
@FunctionalInterface
public interface Progress {

    /** A listener that ignores every update: the default of every overload that takes none. */
    Progress NONE = (phase, done, total) -> {
    };

    /**
     * {@code done} of {@code total} work units of the current operation are finished; {@code phase} is the step
     * now running or just finished.
     */
    void update(String phase, long done, long total);
}
