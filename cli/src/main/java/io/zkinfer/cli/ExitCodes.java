package io.zkinfer.cli;

/** Exit codes of the {@code zkinfer} command; scripts rely on them. */
public final class ExitCodes {
  /** The command did what it was asked (for {@code verify}: the proof is valid). */
  public static final int OK = 0;
  /** {@code verify}: the inputs were well formed but the proof does not verify. */
  public static final int INVALID = 1;
  /** Unusable input: bad arguments, a missing or malformed file, an unreduced value. */
  public static final int UNUSABLE_INPUT = 2;

  private ExitCodes() {}
}
