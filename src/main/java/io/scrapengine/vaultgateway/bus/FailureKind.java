package io.scrapengine.vaultgateway.bus;

/** The typed outcomes a verticle can fail a request with; the code travels as the reply's failure code. */
public enum FailureKind {
  CONFLICT(409),
  UNAVAILABLE(503),
  INTERNAL(500);

  private final int code;

  FailureKind(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static FailureKind fromCode(int code) {
    for (FailureKind kind : values()) {
      if (kind.code == code) {
        return kind;
      }
    }
    return INTERNAL;
  }
}
