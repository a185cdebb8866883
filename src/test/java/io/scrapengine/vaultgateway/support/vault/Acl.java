package io.scrapengine.vaultgateway.support.vault;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Vault's ACL rules, simplified but faithful where it matters for reads: an exact path rule wins over globs; among
 * globs ({@code *} at the end, {@code +} for one segment) the longest pattern wins; rules for the same pattern
 * across a token's policies add up; {@code deny} takes everything away.
 */
final class Acl {

  private Acl() {
  }

  static Set<String> capabilities(EmulatedNamespace namespace, List<String> policies, String path) {
    Set<String> granted = granted(namespace, policies, path);
    return granted.contains("deny") ? Set.of() : granted;
  }

  /** Whether the rules that apply to {@code path} deny it outright (not merely grant nothing). */
  static boolean denies(EmulatedNamespace namespace, List<String> policies, String path) {
    return granted(namespace, policies, path).contains("deny");
  }

  private static Set<String> granted(EmulatedNamespace namespace, List<String> policies, String path) {
    List<EmulatedNamespace.Rule> rules = namespace == null ? List.of() : namespace.rules(policies);
    List<EmulatedNamespace.Rule> exact = new ArrayList<>();
    List<EmulatedNamespace.Rule> globs = new ArrayList<>();
    int longest = -1;
    for (EmulatedNamespace.Rule rule : rules) {
      if (rule.glob() == null && rule.pattern().equals(path)) {
        exact.add(rule);
      } else if (rule.glob() != null && rule.glob().matcher(path).matches()) {
        if (rule.pattern().length() > longest) {
          globs.clear();
          longest = rule.pattern().length();
        }
        if (rule.pattern().length() == longest) {
          globs.add(rule);
        }
      }
    }
    Set<String> granted = new HashSet<>();
    for (EmulatedNamespace.Rule rule : exact.isEmpty() ? globs : exact) {
      granted.addAll(rule.capabilities());
    }
    return granted;
  }

  /** Whether any rule grants something at or under {@code mountPath} (what sys/internal/ui/mounts asks). */
  static boolean hasMountAccess(EmulatedNamespace namespace, List<String> policies, String mountPath) {
    if (namespace == null) {
      return false;
    }
    for (EmulatedNamespace.Rule rule : namespace.rules(policies)) {
      if (rule.capabilities().contains("deny") || rule.capabilities().isEmpty()) {
        continue;
      }
      String literal = literalPrefix(rule.pattern());
      if (literal.startsWith(mountPath) || mountPath.startsWith(literal)) {
        return true;
      }
    }
    return false;
  }

  private static String literalPrefix(String pattern) {
    int end = pattern.length();
    for (int i = 0; i < pattern.length(); i++) {
      if (pattern.charAt(i) == '*' || pattern.charAt(i) == '+') {
        end = i;
        break;
      }
    }
    return pattern.substring(0, end);
  }

  /** Whether a rule's path is a glob ({@code *} or {@code +}) rather than an exact path. */
  static boolean isGlob(String pattern) {
    return pattern.contains("*") || pattern.contains("+");
  }

  /** The regular expression of a glob path; compiled once per rule (see {@link EmulatedNamespace.Rule#of}). */
  static Pattern regex(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*' && i == pattern.length() - 1) {
        regex.append(".*");
      } else if (c == '+') {
        regex.append("[^/]+");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }
}
