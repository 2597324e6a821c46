package io.zkinfer.server.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named points in settlement where a crash test kills the node. Off unless the JVM runs with
 * {@code -Dzkinfer.fault.pause=POINT:MILLIS}: reaching POINT then logs {@code zkinfer-fault POINT JOB} at WARN
 * and sleeps MILLIS, so the test can SIGKILL the process exactly there. Nothing else changes.
 */
final class FaultPoints {

    /** The proof verified; the held charge is about to settle. */
    static final String BEFORE_SETTLE = "before-settle";
    /** The charge settled; the job is about to be marked succeeded. */
    static final String AFTER_SETTLE = "after-settle";

    private static final Logger LOG = LoggerFactory.getLogger(FaultPoints.class);
    private static final String SETTING = System.getProperty("zkinfer.fault.pause", "");

    private FaultPoints() {
    }

    static void reached(String point, String jobId) {
        if (SETTING.isEmpty() || !SETTING.startsWith(point + ":")) {
            return;
        }
        long millis = Long.parseLong(SETTING.substring(point.length() + 1));
        LOG.warn("zkinfer-fault {} {} (pausing {} ms)", point, jobId, millis);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
