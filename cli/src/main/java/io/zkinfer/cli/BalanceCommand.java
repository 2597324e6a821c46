package io.zkinfer.cli;

import io.zkinfer.api.ZkinferClient;
import io.zkinfer.api.v1.BalanceRequest;
import io.zkinfer.api.v1.BalanceResponse;
import io.zkinfer.api.v1.Subscription;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zkinfer balance [--account ID]}: an account's money and quota on a node (another's for operators only). */
@Command(
    name = "balance",
    mixinStandardHelpOptions = true,
    description = "Show an account's available and held money, a developer's earnings, and the plan's quota use.")
final class BalanceCommand implements Callable<Integer> {

  @Option(names = "--account", paramLabel = "ID", description = "Another account (operators only; default: yours)")
  String account;

  @CommandLine.Mixin NodeOptions node;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    try (ZkinferClient client = node.connect()) {
      BalanceResponse b = client.billing().balance(BalanceRequest.newBuilder()
          .setAccountId(account == null ? "" : account).build());
      Subscription s = b.getSubscription();
      o.println("account   " + b.getAccountId());
      o.println("available " + InferCommand.zkc(b.getAvailable().getMinorUnits()) + " " + currency(b));
      o.println("held      " + InferCommand.zkc(b.getHeld().getMinorUnits()) + " (proven calls awaiting their proof)");
      o.println("earnings  " + InferCommand.zkc(b.getEarnings().getMinorUnits()) + " (settled, not paid out)");
      o.println(String.format(Locale.ROOT, "plan      %s: %,d of %,d included calls used this period",
          s.getPlan().name().replace("PLAN_", "").toLowerCase(Locale.ROOT).replace('_', ' '), s.getUsedCalls(),
          s.getIncludedCalls()));
      o.flush();
      return ExitCodes.OK;
    }
  }

  private static String currency(BalanceResponse b) {
    return b.getAvailable().getCurrency().isEmpty() ? "ZKC" : b.getAvailable().getCurrency();
  }
}
