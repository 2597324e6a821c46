package io.zkinfer.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code zkinfer demo}: set up, prove and verify a small built-in circuit, and show a rejected twin. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Self-contained demo: set up, prove and verify a small built-in circuit.")
final class DemoCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UnsupportedOperationException("demo is not implemented yet");
  }
}
