package io.scrapengine.vaultgateway.bus;

/** The typed outcomes a verticle can fail a request with; the code travels as the reply's failure code. */
public enum FailureKind {
  NOT_FOUND(404),
  CONFLICT(409),
  IDEMPOTENCY_KEY_IN_USE(4091),
  PRECONDITION_FAILED(412),
  IDEMPOTENCY_KEY_REUSED(422),
  /** A ciphertext that does not decrypt in the given context: tampered, moved, or made under a retired key. */
  UNDECRYPTABLE(4220),
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
