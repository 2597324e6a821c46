package io.zkinfer.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version from the jar manifest (or "development build" when run from classes). */
final class ZkinferVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {"zkinfer " + (v == null ? "(development build)" : v)};
  }
}
