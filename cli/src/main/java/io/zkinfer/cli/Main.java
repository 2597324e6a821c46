package io.zkinfer.cli;

import io.zkinfer.algebra.spi.KernelBackends;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code zkinfer} command. Each subcommand parses its arguments and calls one
 * module's API; nothing else happens here.
 *
 * <p>Exit codes: {@value ExitCodes#OK} success, {@value ExitCodes#INVALID} a proof that does not
 * verify, {@value ExitCodes#UNUSABLE_INPUT} unusable input (missing or malformed file, bad
 * arguments), with a one-line message on stderr; {@code --verbose} adds the stack trace.
 */
@Command(
    name = "zkinfer",
    mixinStandardHelpOptions = true,
    versionProvider = ZkinferVersion.class,
    description = "Zero-knowledge inference prover: Groth16 over BN254, compatible with circom/snarkjs.",
    subcommands = {InspectCommand.class, QuantizeCommand.class, RunCommand.class, ModelCompileCommand.class,
        ModelSetupCommand.class, ModelProveCommand.class, ModelVerifyCommand.class, ModelMockCommand.class,
        Groth16Command.class, BackendsCommand.class, ServeCommand.class, DeployCommand.class, InferCommand.class,
        BalanceCommand.class, DemoCommand.class})
public final class Main implements Runnable {

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Print stack traces with errors and log progress.")
  boolean verbose;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /**
   * Picks the kernel backend for this run (sets {@value KernelBackends#BACKEND_PROPERTY}); an unknown or
   * unavailable name is refused here, before any work, naming the backends that are available.
   */
  @Option(
      names = "--backend",
      scope = ScopeType.INHERIT,
      paramLabel = "NAME",
      description = "Kernel backend for MSM and NTT: java, native or cuda (default: the best available; "
          + "see 'zkinfer backends').")
  void backend(String name) {
    try {
      KernelBackends.select(KernelBackends.all(), name, null);
    } catch (IllegalStateException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage().replace(
          "(from -D" + KernelBackends.BACKEND_PROPERTY + ") ", "(from --backend) "));
    }
    System.setProperty(KernelBackends.BACKEND_PROPERTY, name.trim());
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command; try 'zkinfer --help'");
  }

  /** A configured command line: exit codes and one-line errors as documented on this class. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    FailureReporter reporter = new FailureReporter();
    cl.setExecutionExceptionHandler(reporter);
    cl.setParameterExceptionHandler(reporter);
    return cl;
  }

  public static void main(String[] args) {
    boolean verbose = false;
    for (String a : args) {
      verbose |= a.equals("--verbose");
    }
    // Libraries log through SLF4J; keep the terminal quiet unless asked.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    System.exit(commandLine().execute(args));
  }
}
