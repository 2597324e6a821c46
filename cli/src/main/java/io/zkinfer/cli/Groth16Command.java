package io.zkinfer.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code zkinfer groth16 ...}: the Groth16 (BN254) commands, file-compatible with snarkjs. */
@Command(
    name = "groth16",
    mixinStandardHelpOptions = true,
    description = "Groth16 over BN254: inspect a circuit, set up keys, prove, verify.",
    subcommands = {InfoCommand.class, SetupCommand.class, ProveCommand.class, VerifyCommand.class,
        Groth16DemoCommand.class})
final class Groth16Command implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing subcommand: one of info, setup, prove, verify");
  }
}
