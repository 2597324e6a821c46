package io.zkinfer.cli;

import io.zkinfer.algebra.progress.Progress;
import java.io.Console;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar for the long steps (compile, setup, prove), redrawn in place with carriage returns:
 *
 * <pre>
 *   prove: MSM B2              [##########--------------------]  34%  about 12s left
 * </pre>
 *
 * The estimate is the elapsed time times (total − done) / done, from the first update of the current operation
 * (an update whose total differs from the last, or whose done went back, starts a new one). It draws only on a
 * terminal ({@link #forTerminal}): in a pipe, a file, a test or with {@code --quiet} it is silent, so output
 * meant for scripts never holds control characters. Redraws are limited to one per {@value #REDRAW_MILLIS} ms
 * unless the percentage or the phase changes. {@link #close()} erases the bar. Thread-safe.
 */
public final class ProgressBar implements Progress, AutoCloseable {

  static final int BAR_WIDTH = 30;
  static final int PHASE_WIDTH = 26;
  static final long REDRAW_MILLIS = 100;
  /** No estimate before this much of an operation has run: the first steps' rate says little. */
  static final long ESTIMATE_AFTER_MILLIS = 500;

  private static final ProgressBar SILENT = new ProgressBar(null, System::nanoTime);

  private final PrintWriter out;
  private final LongSupplier nanoClock;
  private long startNanos;
  private long lastDrawNanos;
  private long lastTotal = -1;
  private long lastDone = -1;
  private int lastPercent = -1;
  private String lastPhase;
  private int drawnLength;

  private ProgressBar(PrintWriter out, LongSupplier nanoClock) {
    this.out = out;
    this.nanoClock = nanoClock;
  }

  /**
   * The bar on standard error when this process talks to a terminal ({@link System#console()} is present, and on
   * Java 22 or later also reports a terminal) and {@code quiet} is false; else {@link #silent()}.
   */
  public static ProgressBar forTerminal(boolean quiet) {
    if (quiet || !isTerminal(System.console())) {
      return SILENT;
    }
    return new ProgressBar(new PrintWriter(System.err, true), System::nanoTime);
  }

  /** A bar that draws nothing. */
  public static ProgressBar silent() {
    return SILENT;
  }

  /** A bar that always draws to {@code out} with the clock {@code nanoClock} (for tests). */
  static ProgressBar drawingTo(Writer out, LongSupplier nanoClock) {
    return new ProgressBar(new PrintWriter(Objects.requireNonNull(out, "out"), true), nanoClock);
  }

  /** Whether this bar draws at all. */
  public boolean enabled() {
    return out != null;
  }

  /** Java 22 gives a Console for redirected streams too, and says which it is with {@code isTerminal()}. */
  static boolean isTerminal(Console console) {
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (NoSuchMethodException e) {
      return true; // before Java 22 a Console exists only for a terminal
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public synchronized void update(String phase, long done, long total) {
    if (out == null) {
      return;
    }
    long now = nanoClock.getAsLong();
    if (total != lastTotal || done < lastDone) {
      startNanos = now;
      lastTotal = total;
    }
    lastDone = done;
    int percent = percent(done, total);
    boolean due = lastPercent < 0 || percent != lastPercent || !Objects.equals(phase, lastPhase)
        || now - lastDrawNanos >= REDRAW_MILLIS * 1_000_000;
    if (!due) {
      return;
    }
    lastPercent = percent;
    lastPhase = phase;
    lastDrawNanos = now;
    String line = render(phase, done, total, now - startNanos);
    out.print("\r" + line + " ".repeat(Math.max(0, drawnLength - line.length())));
    out.flush();
    drawnLength = line.length();
  }

  /** Erases the bar, so that what the command prints next starts on a clean line. */
  @Override
  public synchronized void close() {
    if (out != null && drawnLength > 0) {
      out.print("\r" + " ".repeat(drawnLength) + "\r");
      out.flush();
      drawnLength = 0;
      lastPercent = -1;
      lastPhase = null;
      lastTotal = -1;
      lastDone = -1;
    }
  }

  /** The bar's text for {@code done} of {@code total} after {@code elapsedNanos} of the operation. */
  static String render(String phase, long done, long total, long elapsedNanos) {
    int percent = percent(done, total);
    int filled = total <= 0 ? BAR_WIDTH : (int) Math.min(BAR_WIDTH, (double) BAR_WIDTH * done / total);
    String name = phase == null ? "" : phase;
    if (name.length() > PHASE_WIDTH) {
      name = name.substring(0, PHASE_WIDTH - 3) + "...";
    }
    StringBuilder s = new StringBuilder(80);
    s.append(String.format(Locale.ROOT, "%-" + PHASE_WIDTH + "s", name)).append(" [")
        .append("#".repeat(filled)).append("-".repeat(BAR_WIDTH - filled)).append("] ")
        .append(String.format(Locale.ROOT, "%3d%%", percent));
    long elapsedMillis = elapsedNanos / 1_000_000;
    if (total > 0 && done >= total) {
      s.append("  ").append(duration(elapsedMillis));
    } else if (done > 0 && elapsedMillis >= ESTIMATE_AFTER_MILLIS) {
      long leftMillis = (long) ((double) elapsedMillis * (total - done) / done);
      s.append("  about ").append(duration(leftMillis)).append(" left");
    }
    return s.toString();
  }

  private static int percent(long done, long total) {
    if (total <= 0) {
      return 100;
    }
    return (int) Math.max(0, Math.min(100, 100.0 * done / total));
  }

  /** {@code 0.4s}, {@code 12s}, {@code 3m 05s}, {@code 1h 02m}. */
  static String duration(long millis) {
    if (millis < 10_000) {
      return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }
    long s = Math.round(millis / 1000.0);
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60);
  }
}
