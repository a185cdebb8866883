package io.scrapengine.vaultgateway.vault;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Makes Vault's own error texts fit to show a customer: the multierror wrapping ("1 error occurred: * ...")
 * unwrapped, control characters and runs of whitespace flattened, known secrets (the secret_id, the token) and
 * anything shaped like a Vault token blanked, and the result cut to a bounded length. Vault does echo secrets in
 * some errors (AppRole once answered {@code invalid secret_id "<the secret_id>"}), so this is not optional.
 */
public final class VaultMessages {

  public static final int MAX_LENGTH = 300;
  private static final String REDACTED = "[redacted]";
  private static final Pattern MULTIERROR = Pattern.compile("^\\d+ errors? occurred:\\s*");
  private static final Pattern TOKEN_SHAPED =
    Pattern.compile("\\b(hv[sbr]|s|b|r)\\.[A-Za-z0-9_-]{20,}(\\.[A-Za-z0-9_-]+)?");
  private static final Pattern UUID_SHAPED =
    Pattern.compile("\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");

  private VaultMessages() {
  }

  /** Joins, cleans and redacts Vault's messages; "" when there are none. */
  public static String summarize(List<String> messages, Collection<String> secrets) {
    StringBuilder joined = new StringBuilder();
    for (String message : messages) {
      String clean = clean(message, secrets);
      if (!clean.isEmpty()) {
        joined.append(joined.length() == 0 ? "" : "; ").append(clean);
      }
    }
    return truncate(joined.toString());
  }

  /** One message cleaned and redacted, not yet truncated. */
  public static String clean(String message, Collection<String> secrets) {
    String text = message;
    for (String secret : secrets) {
      if (secret != null && !secret.isEmpty()) {
        text = text.replace(secret, REDACTED);
      }
    }
    text = text.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ");
    text = MULTIERROR.matcher(text.strip()).replaceFirst("");
    text = text.replaceAll("^\\*\\s*", "").replaceAll("\\s+\\*\\s+", "; ");
    text = TOKEN_SHAPED.matcher(text).replaceAll(REDACTED);
    // old-style tokens and secret_ids are bare UUIDs; a role_id can be too, but blanking it costs nothing
    text = UUID_SHAPED.matcher(text).replaceAll(REDACTED);
    return text.replaceAll("\\s{2,}", " ").strip();
  }

  static String truncate(String text) {
    return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 1) + "…";
  }
}
