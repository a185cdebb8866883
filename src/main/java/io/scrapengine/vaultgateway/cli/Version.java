package io.scrapengine.vaultgateway.cli;

import picocli.CommandLine;

/** The version the jar was built as. */
final class Version implements CommandLine.IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = Version.class.getPackage().getImplementationVersion();
    return new String[] {"vault-gateway " + (version == null ? "(development build)" : version)};
  }
}
