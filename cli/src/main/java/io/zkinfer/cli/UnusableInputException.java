package io.zkinfer.cli;

/**
 * An input the command cannot use (missing file, wrong format, unreduced value). Its message
 * names the input and the problem; the command exits with {@link ExitCodes#UNUSABLE_INPUT}.
 */
public final class UnusableInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnusableInputException(String message) {
    super(message);
  }

  public UnusableInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
