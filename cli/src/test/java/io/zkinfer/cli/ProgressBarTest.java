package io.zkinfer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What the progress bar draws for given updates, and that it draws nothing off a terminal. */
class ProgressBarTest {

  private static final long MS = 1_000_000L;

  @Test
  void drawsThePercentageAndAnEstimateInPlace() {
    StringWriter out = new StringWriter();
    AtomicLong clock = new AtomicLong(1_000 * MS);
    ProgressBar bar = ProgressBar.drawingTo(out, clock::get);
    bar.update("prove: QAP and MSMs", 0, 200);
    clock.addAndGet(2_000 * MS);
    bar.update("prove: MSM A", 50, 200);
    clock.addAndGet(2_000 * MS);
    bar.update("prove: MSM B2", 200, 200);
    String phase1 = String.format("%-26s", "prove: QAP and MSMs");
    String phase2 = String.format("%-26s", "prove: MSM A");
    String phase3 = String.format("%-26s", "prove: MSM B2");
    String first = phase1 + " [------------------------------]   0%";
    String second = phase2 + " [#######-----------------------]  25%  about 6.0s left"; // 2 s for 50, 150 to go
    String third = phase3 + " [##############################] 100%  4.0s";
    assertEquals("\r" + first + "\r" + second + "\r" + third + " ".repeat(second.length() - third.length()),
        out.toString());
    bar.close();
    assertTrue(out.toString().endsWith("\r" + " ".repeat(third.length()) + "\r"), "close erases the line");
  }

  @Test
  void redrawsAtMostEveryTenthOfASecondUnlessThePercentOrPhaseChanges() {
    StringWriter out = new StringWriter();
    AtomicLong clock = new AtomicLong();
    ProgressBar bar = ProgressBar.drawingTo(out, clock::get);
    bar.update("setup: G1 points", 0, 100_000);
    for (int i = 1; i <= 50; i++) { // 50 updates within the first percent, 1 ms apart
      clock.addAndGet(MS);
      bar.update("setup: G1 points", i, 100_000);
    }
    assertEquals(1, count(out.toString(), '\r'), "redrawn although nothing visible changed");
    clock.addAndGet(ProgressBar.REDRAW_MILLIS * MS);
    bar.update("setup: G1 points", 51, 100_000);
    assertEquals(2, count(out.toString(), '\r'), "the elapsed time changes the estimate: redraw");
    bar.update("setup: G2 points", 52, 100_000);
    assertEquals(3, count(out.toString(), '\r'), "a new phase is drawn at once");
  }

  @Test
  void anEstimateWaitsForHalfASecondAndANewTotalRestartsTheClock() {
    assertEquals(String.format("%-26s", "x") + " [###############---------------]  50%",
        ProgressBar.render("x", 5, 10, 499 * MS));
    assertTrue(ProgressBar.render("x", 5, 10, 500 * MS).endsWith("  about 0.5s left"));
    StringWriter out = new StringWriter();
    AtomicLong clock = new AtomicLong();
    ProgressBar bar = ProgressBar.drawingTo(out, clock::get);
    bar.update("setup", 0, 10);
    clock.addAndGet(60_000 * MS);
    bar.update("setup", 10, 10);
    assertTrue(out.toString().endsWith("1m 00s"), out.toString());
    bar.update("prove", 0, 40); // a new operation: its clock starts now
    clock.addAndGet(1_000 * MS);
    bar.update("prove", 10, 40);
    assertTrue(out.toString().endsWith("about 3.0s left"), out.toString());
  }

  @Test
  void longPhasesAreCutAndDurationsReadable() {
    String line = ProgressBar.render("compile: node /model/encoder/layer.11/attention/MatMul", 1, 3, 0);
    assertTrue(line.startsWith("compile: node /model/en... ["), line);
    assertEquals("0.4s", ProgressBar.duration(400));
    assertEquals("12s", ProgressBar.duration(12_400));
    assertEquals("3m 05s", ProgressBar.duration(185_000));
    assertEquals("1h 02m", ProgressBar.duration(3_720_000));
  }

  @Test
  void isSilentOffATerminalAndWithQuiet() {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true));
    try {
      for (boolean quiet : new boolean[] {false, true}) {
        ProgressBar bar = ProgressBar.forTerminal(quiet);
        assertFalse(bar.enabled(), "tests run without a terminal, so no bar (quiet = " + quiet + ")");
        bar.update("prove: MSM A", 1, 2);
        bar.update("prove: done", 2, 2);
        bar.close();
      }
    } finally {
      System.setErr(err);
    }
    assertEquals("", captured.toString(), "a bar drew off a terminal");
    assertFalse(ProgressBar.isTerminal(null));
    assertFalse(ProgressBar.silent().enabled());
  }

  private static int count(String s, char c) {
    return (int) s.chars().filter(x -> x == c).count();
  }
}
