package io.scrapengine.vaultgateway.domain;

import java.util.regex.Pattern;

/**
 * Which characters text may hold, defined once for the contract and the domain rules alike: the patterns below are
 * the very strings {@code schemas/openapi.yaml} gives its string fields and parameters (a test holds the two
 * together), and the domain rules apply them with the same {@link Pattern}. No text anywhere takes C0 or C1
 * control characters, DEL or U+0000 (PostgreSQL refuses U+0000 in text, Vault and HTTP headers break on the
 * rest); only a PEM bundle takes line breaks and tabs.
 *
 * <p>The patterns end in {@code (?![\s\S])}, "nothing follows", rather than {@code $}: in Java (and so in the
 * contract validator) {@code $} also matches just before a final line break, so {@code ^[^\x00-\x1F]*$} would let
 * {@code "abc\n"} through. The lookahead means the same in ECMA-262, so generated clients read the contract's
 * patterns the same way.
 */
public final class TextRules {

  /** Single-line text: anything but controls. */
  public static final String SINGLE_LINE = "^[^\\x00-\\x1F\\x7F-\\x9F]*(?![\\s\\S])";
  /** Text that may span lines (a PEM bundle): anything but controls, except tab, line feed and carriage return. */
  public static final String MULTI_LINE = "^[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F]*(?![\\s\\S])";
  /** One word: no controls and no whitespace (a Vault namespace, sent as a header). */
  public static final String WORD = "^[^\\s\\x00-\\x1F\\x7F-\\x9F]+(?![\\s\\S])";
  /** Printable ASCII without quotes or backslashes (an Idempotency-Key, kept and compared byte for byte). */
  public static final String PRINTABLE_ASCII_TOKEN = "^[\\x21\\x23-\\x5B\\x5D-\\x7E]+(?![\\s\\S])";
  /** Printable ASCII without spaces (a Vault token, sent as a header). */
  public static final String PRINTABLE_ASCII = "^[\\x21-\\x7E]+(?![\\s\\S])";
  /** Path segments of letters, digits, '_', '.' and '-' separated by single slashes (an auth mount). */
  public static final String MOUNT_PATH = "^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*(?![\\s\\S])";
  /** A UUID in its canonical hyphenated form, either case. */
  public static final String UUID =
    "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}(?![\\s\\S])";

  private static final Pattern SINGLE_LINE_TEXT = Pattern.compile(SINGLE_LINE);
  private static final Pattern MULTI_LINE_TEXT = Pattern.compile(MULTI_LINE);
  private static final Pattern ONE_WORD = Pattern.compile(WORD);

  private TextRules() {
  }

  /** Whether {@code value} is single-line text, as the contract's {@link #SINGLE_LINE} fields require. */
  public static boolean isSingleLine(String value) {
    return SINGLE_LINE_TEXT.matcher(value).find();
  }

  /** Whether {@code value} is text that may span lines, as {@link #MULTI_LINE} fields require. */
  public static boolean isMultiLine(String value) {
    return MULTI_LINE_TEXT.matcher(value).find();
  }

  /** Whether {@code value} is one word, as {@link #WORD} fields require. */
  public static boolean isWord(String value) {
    return ONE_WORD.matcher(value).find();
  }
}
