package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.model.Integration;
import io.scrapengine.vaultgateway.model.VersionCondition;

import java.util.ArrayList;
import java.util.List;

/**
 * An integration's ETag is its version, plus when its last test ran: a new test changes the representation
 * (lastTest) and so the tag, but not the settings. If-Match compares the version only, so a test run never makes
 * an edit fail; comparison is strong (RFC 9110), so weak tags never match.
 */
final class EntityTags {

  private EntityTags() {
  }

  /** A credential's tag (or anything whose representation changes only with its version). */
  static String of(long version) {
    return "\"" + version + "\"";
  }

  static String of(Integration integration) {
    return integration.lastTest() == null ? "\"" + integration.version() + "\""
      : "\"" + integration.version() + "." + integration.lastTest().checkedAt().toEpochMilli() + "\"";
  }

  static VersionCondition condition(String ifMatch) {
    if (ifMatch == null) {
      return VersionCondition.ANY;
    }
    List<Long> versions = new ArrayList<>();
    for (String candidate : ifMatch.split(",")) {
      String tag = candidate.trim();
      if (tag.equals("*")) {
        return VersionCondition.ANY;
      }
      if (tag.length() > 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
        try {
          String opaque = tag.substring(1, tag.length() - 1);
          int dot = opaque.indexOf('.');
          versions.add(Long.parseLong(dot < 0 ? opaque : opaque.substring(0, dot)));
        } catch (NumberFormatException notOurs) {
          // a tag we never issued matches nothing
        }
      }
    }
    return VersionCondition.oneOf(versions);
  }
}
