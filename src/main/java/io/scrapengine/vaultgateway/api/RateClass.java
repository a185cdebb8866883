package io.scrapengine.vaultgateway.api;

/**
 * The classes of operations a tenant's rate is limited by, each with its own bucket: writes (create, change,
 * delete), connection tests (each one calls the customer's Vault), and credential resolves (the task runner's hot
 * path). Reads are not limited.
 */
public enum RateClass {
  WRITES("writes"),
  TESTS("tests"),
  RESOLVES("resolves");

  private final String label;

  RateClass(String label) {
    this.label = label;
  }

  /** The name clients see in problems and operators in settings. */
  public String label() {
    return label;
  }
}
