package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.domain.FieldIssue;
import io.vertx.json.schema.OutputUnit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the JSON-schema validator's output into one {@link FieldIssue} per offending field, in words a client
 * can act on.
 */
final class SchemaErrors {

  private static final Pattern REQUIRED = Pattern.compile("required property \"(.*)\"");
  private static final Pattern TOO_LONG = Pattern.compile("\\(\\d+ > (\\d+)\\)");
  private static final Pattern TOO_SHORT = Pattern.compile("\\(\\d+ < (\\d+)\\)");
  private static final Map<String, String> FORMAT_NAMES = Map.of("uuid", "UUID", "date-time", "date-time");
  private static final Pattern FORMAT = Pattern.compile("format \"?([a-z-]+)");
  private static final Pattern EXPECTED_TYPE = Pattern.compile("Expected (.+)$");
  private static final Pattern SIMPLE_KEY = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

  private static final String NO_CONTROLS = "must not contain control characters";
  /**
   * What a pattern means, for each field the contract gives one ({@link TextRules}); the validator reports only
   * that a pattern did not match.
   */
  private static final Map<String, String> PATTERN_MEANINGS = Map.ofEntries(
    Map.entry("name", NO_CONTROLS),
    Map.entry("config.address", NO_CONTROLS),
    Map.entry("config.roleId", NO_CONTROLS),
    Map.entry("config.secretId", NO_CONTROLS),
    Map.entry("config.secretIdWrapToken", "must be printable ASCII without spaces"),
    Map.entry("config.tlsServerName", NO_CONTROLS),
    Map.entry("config.caCertificate", "must not contain control characters other than line breaks and tabs"),
    Map.entry("config.namespace", "must not contain whitespace or control characters"),
    Map.entry("config.authMount", "must be path segments of letters, digits, '_', '.' and '-' separated by '/'"),
    Map.entry("path", NO_CONTROLS),
    Map.entry("cursor", NO_CONTROLS),
    Map.entry("If-Match", NO_CONTROLS),
    Map.entry("Idempotency-Key", "must be printable ASCII without quotes or backslashes"),
    Map.entry("id", "is not a valid UUID"));

  /** What a {@code not} means for the objects whose contract schema has one. */
  private static final Map<String, String> NOT_MEANINGS = Map.of(
    "config", "must have either secretId or secretIdWrapToken, not both");

  private SchemaErrors() {
  }

  /**
   * Keywords that only report that something beneath them failed; the failure itself is reported too. The
   * validator reports a failed {@code then} or {@code else} at the {@code if} that chose it.
   */
  private static final Set<String> AGGREGATES = Set.of("properties", "$ref", "$dynamicRef", "allOf", "anyOf", "oneOf",
    "items", "prefixItems", "if", "then", "else");

  /** @param root the field the schema was applied to: "" for the body, else a parameter name */
  static List<FieldIssue> fieldErrors(OutputUnit result, String root) {
    List<OutputUnit> leaves = new ArrayList<>();
    collectLeaves(result, leaves);
    Set<FieldIssue> errors = new LinkedHashSet<>();
    List<OutputUnit> unknownProperties = new ArrayList<>();
    for (OutputUnit leaf : leaves) {
      String keyword = keyword(leaf.getKeywordLocation());
      if (keyword.equals("additionalProperties") || keyword.equals("unevaluatedProperties")) {
        unknownProperties.add(leaf);
      } else if (!AGGREGATES.contains(keyword)) {
        errors.add(toFieldError(leaf, root));
      }
    }
    // The validator also flags declared properties whose value failed as "additional": report a property as
    // unknown only when nothing more specific was said about it or beneath it.
    List<FieldIssue> specific = List.copyOf(errors);
    for (OutputUnit leaf : unknownProperties) {
      FieldIssue unknown = toFieldError(leaf, root);
      if (specific.stream().noneMatch(error -> concerns(error.field(), unknown.field()))) {
        errors.add(unknown);
      }
    }
    return List.copyOf(errors);
  }

  private static boolean concerns(String field, String property) {
    return field.equals(property) || field.startsWith(property + ".") || field.startsWith(property + "[");
  }

  private static void collectLeaves(OutputUnit unit, List<OutputUnit> leaves) {
    List<OutputUnit> children = unit.getErrors();
    if (children == null || children.isEmpty()) {
      if (unit.getError() != null) {
        leaves.add(unit);
      }
      return;
    }
    for (OutputUnit child : children) {
      collectLeaves(child, leaves);
    }
  }

  private static FieldIssue toFieldError(OutputUnit unit, String root) {
    FieldIssue error = describe(unit);
    if (!root.isEmpty()) {
      return new FieldIssue(error.field().isEmpty() ? root : root + "." + error.field(), error.reason());
    }
    return error.field().isEmpty() ? new FieldIssue("body", error.reason()) : error;
  }

  private static FieldIssue describe(OutputUnit unit) {
    String field = fieldName(unit.getInstanceLocation());
    String error = unit.getError();
    String keyword = keyword(unit.getKeywordLocation());
    switch (keyword) {
      case "required": {
        Matcher matcher = REQUIRED.matcher(error);
        String property = matcher.find() ? matcher.group(1) : "?";
        return new FieldIssue(append(field, property), "is required");
      }
      case "additionalProperties":
      case "unevaluatedProperties":
        return new FieldIssue(field, "is not a known property");
      case "maxLength":
        return new FieldIssue(field, "must be at most " + number(TOO_LONG, error) + " characters long");
      case "minLength": {
        String minimum = number(TOO_SHORT, error);
        return new FieldIssue(field, "1".equals(minimum) ? "must not be empty"
          : "must be at least " + minimum + " characters long");
      }
      case "pattern":
        return new FieldIssue(field, PATTERN_MEANINGS.getOrDefault(field, "has an invalid format"));
      case "not":
        return new FieldIssue(field,
          NOT_MEANINGS.getOrDefault(field, "has a combination of values that is not allowed"));
      case "enum":
      case "const":
        return new FieldIssue(field, "is not one of the allowed values");
      case "type": {
        Matcher matcher = EXPECTED_TYPE.matcher(error);
        return new FieldIssue(field, matcher.find()
          ? "must be of type " + matcher.group(1).replace(", ", " or ") : "has the wrong type");
      }
      case "format":
        return new FieldIssue(field, "is not a valid " + FORMAT_NAMES.getOrDefault(formatOf(error), "value"));
      case "minimum":
      case "exclusiveMinimum":
      case "maximum":
      case "exclusiveMaximum":
        return new FieldIssue(field, "is out of range (" + error + ")");
      default:
        return new FieldIssue(field, error);
    }
  }

  private static String formatOf(String error) {
    Matcher matcher = FORMAT.matcher(error);
    return matcher.find() ? matcher.group(1) : "";
  }

  private static String number(Pattern pattern, String error) {
    Matcher matcher = pattern.matcher(error);
    return matcher.find() ? matcher.group(1) : "the allowed number of";
  }

  private static String keyword(String keywordLocation) {
    if (keywordLocation == null) {
      return "";
    }
    return keywordLocation.substring(keywordLocation.lastIndexOf('/') + 1);
  }

  /** JSON pointer {@code /config/address} becomes {@code config.address}; odd keys get brackets. */
  static String fieldName(String pointer) {
    if (pointer == null || pointer.isEmpty() || pointer.equals("#") || pointer.equals("/")) {
      return "";
    }
    String path = pointer.startsWith("#") ? pointer.substring(1) : pointer;
    String field = "";
    for (String segment : path.substring(path.startsWith("/") ? 1 : 0).split("/", -1)) {
      field = append(field, segment.replace("~1", "/").replace("~0", "~"));
    }
    return field;
  }

  private static String append(String parent, String key) {
    if (SIMPLE_KEY.matcher(key).matches()) {
      return parent.isEmpty() ? key : parent + "." + key;
    }
    return parent + "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
  }
}
