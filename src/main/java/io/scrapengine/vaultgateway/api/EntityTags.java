package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.model.VersionCondition;

import java.util.ArrayList;
import java.util.List;

/** ETags are integration versions; If-Match uses strong comparison (RFC 9110), so weak tags never match. */
final class EntityTags {

  private EntityTags() {
  }

  static String of(long version) {
    return "\"" + version + "\"";
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
          versions.add(Long.parseLong(tag.substring(1, tag.length() - 1)));
        } catch (NumberFormatException notOurs) {
          // a tag we never issued matches nothing
        }
      }
    }
    return VersionCondition.oneOf(versions);
  }
}
