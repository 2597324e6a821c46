package io.zkinfer.cli;

import io.zkinfer.algebra.spi.Capability;
import io.zkinfer.algebra.spi.KernelBackend;
import io.zkinfer.algebra.spi.KernelBackends;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code zkinfer backends}: every kernel backend found on this machine (highest rank first), with its
 * capabilities and either what runs or why it cannot run here, then the backend each kernel would use.
 */
@Command(
    name = "backends",
    mixinStandardHelpOptions = true,
    description = "List the kernel backends (java, native, cuda) found on this machine, why any cannot run, "
        + "and which one each kernel uses.")
final class BackendsCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<KernelBackend> all = KernelBackends.all();
    out.println("kernel backends on this machine, highest rank first:");
    for (KernelBackend b : all) {
      String capabilities = b.capabilities().stream().map(Capability::name).sorted()
          .collect(Collectors.joining(","));
      String state = b.isAvailable()
          ? "available" + (b.description().isEmpty() ? "" : ": " + b.description())
          : "unavailable: " + b.unavailableReason();
      out.printf(Locale.ROOT, "  %-8s rank %-4d %-20s %s%n", b.name(), b.rank(), capabilities, state);
    }
    String override = System.getProperty(KernelBackends.BACKEND_PROPERTY);
    out.println("in use" + (override == null || override.isBlank() ? "" : " (--backend " + override + ")") + ":");
    for (Capability c : Capability.values()) {
      out.printf(Locale.ROOT, "  %-8s %s%n", c, KernelBackends.select(all, override, c).name());
    }
    out.println("choose with --backend NAME (any command) or ZKINFER_JAVA_OPTS=-D"
        + KernelBackends.BACKEND_PROPERTY + "=NAME");
    out.flush();
    return ExitCodes.OK;
  }
}
