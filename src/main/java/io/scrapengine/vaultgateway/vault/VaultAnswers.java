package io.scrapengine.vaultgateway.vault;

import io.scrapengine.vaultgateway.domain.VaultErrorCode;
import io.scrapengine.vaultgateway.domain.VaultProblem;
import io.scrapengine.vaultgateway.model.VaultSettings;
import io.scrapengine.vaultgateway.vault.ConnectionTestResult.TokenInfo;
import io.scrapengine.vaultgateway.vault.ConnectionTestResult.VaultInfo;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What each of Vault's answers means for a connection test. Pure functions of the response, so the mapping is
 * testable for Vault versions and variants the emulator does not reproduce. Grounded in what Vault answers:
 * <ul>
 *   <li>AppRole login with an unknown role_id or a wrong secret_id: 400 {@code invalid role or secret ID}
 *       (older versions: {@code invalid role ID}, {@code invalid secret id}, or a 500 with
 *       {@code failed to validate credentials});</li>
 *   <li>login at a mount (or in a namespace) that does not exist: 403 {@code permission denied} since Vault
 *       1.10, 400 {@code missing client token} before, 404/405 from some proxies and forks;</li>
 *   <li>a read the token's policies do not allow: 403 {@code 1 error occurred: * permission denied};</li>
 *   <li>KV v2 read of a missing key: 404 {@code {"errors":[]}}; of a deleted version: 404 with
 *       {@code data.metadata.deletion_time} set; a v1-style path on a v2 mount: 404 with the warning
 *       {@code Invalid path for a versioned K/V secrets engine};</li>
 *   <li>anything while sealed: 503 {@code Vault is sealed}.</li>
 * </ul>
 */
public final class VaultAnswers {

  private static final String RETRY = "Try again later; if it persists, ask the Vault operators to look at the "
    + "Vault's logs.";

  private VaultAnswers() {
  }

  /** sys/health, read into Vault's description and whether (and how) the test stops here. */
  record Health(VaultInfo vault, Optional<String> warning, Optional<VaultProblem> error) {
  }

  static Health health(VaultResponse response, VaultTarget target, Collection<String> secrets) {
    JsonObject body = response.body();
    boolean sealed = body != null && Boolean.TRUE.equals(body.getValue("sealed"));
    // a sealed node calls itself a standby (its core is one while sealed): not a standby worth reporting
    VaultInfo vault = body == null || !body.containsKey("sealed") ? null : new VaultInfo(
      body.getValue("version") instanceof String version ? version : null,
      sealed,
      !sealed && (Boolean.TRUE.equals(body.getValue("standby"))
        || Boolean.TRUE.equals(body.getValue("performance_standby"))),
      body.getValue("cluster_name") instanceof String name ? name : null);
    return switch (response.status()) {
      case 200 -> vault == null
        ? new Health(null, Optional.empty(), Optional.of(new VaultProblem(VaultErrorCode.VAULT_ERROR,
          "The address answered sys/health, but not as Vault does.",
          "Check that the address (including any path prefix) points at the Vault API.")))
        : new Health(vault, Optional.empty(), Optional.empty());
      case 429 -> vault == null ? new Health(null, Optional.empty(), Optional.of(unexpected("sys/health", response,
        secrets))) : new Health(standby(vault), Optional.of("Vault answered from a standby node (429); requests are "
        + "forwarded to the active node."), Optional.empty());
      case 473 -> new Health(standby(vault), Optional.of("Vault answered from a performance standby node (473); "
        + "reads are served locally and writes forwarded."), Optional.empty());
      case 474 -> new Health(standby(vault), Optional.of("Vault answered from a standby node that cannot reach its "
        + "active node (474); requests may fail."), Optional.empty());
      case 501 -> new Health(vault, Optional.empty(), Optional.of(new VaultProblem(VaultErrorCode.VAULT_NOT_INITIALIZED,
        "Vault is not initialised (sys/health answered 501).",
        "Initialise the Vault (vault operator init) or check that the address points at the right cluster.")));
      case 503 -> new Health(vault, Optional.empty(), Optional.of(
        (vault != null && vault.sealed()) || said(response, secrets).toLowerCase(Locale.ROOT).contains("sealed")
          ? new VaultProblem(VaultErrorCode.VAULT_SEALED, "Vault is sealed (sys/health answered 503).",
          "Ask the Vault operators to unseal the Vault.")
          : unexpected("sys/health", response, secrets)));
      case 472 -> new Health(vault, Optional.empty(), Optional.of(new VaultProblem(VaultErrorCode.VAULT_ERROR,
        "The address points at a disaster-recovery secondary (sys/health answered 472), which serves no requests.",
        "Use the address of the primary cluster.")));
      case 530 -> new Health(vault, Optional.empty(), Optional.of(new VaultProblem(VaultErrorCode.VAULT_ERROR,
        "The node was removed from its cluster (sys/health answered 530).", "Use the address of a cluster member.")));
      default -> new Health(vault, Optional.empty(), Optional.of(unexpected("sys/health", response, secrets)));
    };
  }

  /**
   * Why a login failed.
   *
   * @param recentlyRefused whether a login for this integration was refused for invalid credentials within the
   *                        lockout window: a 403 then means the AppRole is locked out, not that it is missing
   */
  public static VaultProblem login(VaultResponse response, VaultTarget target, Collection<String> secrets,
                            boolean recentlyRefused) {
    String said = said(response, secrets);
    String where = "auth/" + target.authMount() + "/login";
    String namespace = target.namespace();
    String lower = said.toLowerCase(Locale.ROOT);
    if (response.status() == 503 && lower.contains("sealed")) {
      return sealed(said);
    }
    Optional<VaultProblem> noNamespace = namespaceNotFound(response, target.settings(), said);
    if (noNamespace.isPresent()) {
      return noNamespace.get();
    }
    if (response.status() == 403 && recentlyRefused) {
      return new VaultProblem(VaultErrorCode.AUTH_LOCKED_OUT,
        "Vault refused the AppRole login at " + where + " (403" + withText(said) + ") right after refusing a "
          + "secret_id: the role is most likely locked out.",
        "Vault and OpenBao lock an AppRole out for 15 minutes after 5 wrong secret_ids. Set the right secretId, "
          + "then wait, or ask a Vault operator to unlock it: vault write -f sys/locked-users/<auth mount accessor>"
          + "/unlock/<role_id>.");
    }
    boolean mountMissing = response.status() == 403 || response.status() == 404 || response.status() == 405
      || (response.status() == 400 && lower.contains("missing client token"));
    if (mountMissing) {
      return new VaultProblem(VaultErrorCode.AUTH_MOUNT_NOT_FOUND,
        "No AppRole login answered at " + where + (namespace == null ? "" : " in namespace '" + namespace + "'")
          + " (" + response.status() + withText(said) + ").",
        namespace == null
          ? "Check that an AppRole auth method is enabled at '" + target.authMount() + "'; if it lives in a Vault "
            + "Enterprise namespace, set the namespace."
          : "Check that namespace '" + namespace + "' exists and has an AppRole auth method enabled at '"
            + target.authMount() + "'.");
    }
    boolean credentials = response.status() == 400
      || (response.status() == 500 && (lower.contains("invalid role") || lower.contains("invalid secret")
      || lower.contains("failed to validate")));
    if (credentials) {
      return new VaultProblem(VaultErrorCode.AUTH_INVALID_CREDENTIALS,
        "Vault refused the AppRole login at " + where + " (" + response.status() + withText(said) + ").",
        namespace == null
          ? "Check the role_id and secret_id (a secret_id can expire or run out of uses); if the AppRole lives in "
            + "a Vault Enterprise namespace, set the namespace."
          : "Check the role_id and secret_id (a secret_id can expire or run out of uses) and that the AppRole "
            + "lives in namespace '" + namespace + "'.");
    }
    if (response.succeeded()) {
      return new VaultProblem(VaultErrorCode.VAULT_ERROR,
        "The AppRole login at " + where + " returned no client token" + withText(said) + ".",
        "Check that the mount is an AppRole auth method and that no MFA is required for this role.");
    }
    return unexpected(where, response, secrets);
  }

  /** The token as the login described it, used when lookup-self is not allowed. */
  public static TokenInfo tokenFromLogin(JsonObject auth) {
    return new TokenInfo(number(auth.getValue("lease_duration")), Boolean.TRUE.equals(auth.getValue("renewable")),
      strings(auth.getValue("token_policies") instanceof JsonArray ? auth.getValue("token_policies")
        : auth.getValue("policies")));
  }

  /** The token as lookup-self describes it (remaining ttl), or empty when the answer is not one. */
  static Optional<TokenInfo> tokenFromLookup(VaultResponse response) {
    JsonObject data = response.succeeded() ? response.data() : null;
    if (data == null || !data.containsKey("ttl")) {
      return Optional.empty();
    }
    return Optional.of(new TokenInfo(number(data.getValue("ttl")), Boolean.TRUE.equals(data.getValue("renewable")),
      strings(data.getValue("policies"))));
  }

  /**
   * A v1-style path on a KV v2 mount, decided from the mount alone (before reading, since a policy written for
   * {@code data/} paths would otherwise make it look like a permission problem).
   */
  static Optional<VaultProblem> kvPathMismatch(MountInfo mount, String path) {
    Optional<String> relative = mount.relative(path);
    if (mount.kvVersion() == 2 && relative.isPresent() && !relative.get().startsWith("data/")) {
      String rest = relative.get().startsWith("metadata/") ? relative.get().substring("metadata/".length())
        : relative.get();
      return Optional.of(new VaultProblem(VaultErrorCode.KV_VERSION_MISMATCH,
        "'" + mount.path() + "' is a KV version 2 mount, where secrets are read under " + mount.path() + "data/.",
        "Use the path '" + mount.path() + "data/" + rest + "'."));
    }
    return Optional.empty();
  }

  public static Optional<VaultProblem> read(VaultResponse response, VaultSettings vault, String path,
                                     Optional<MountInfo> mount, List<String> policies, Collection<String> secrets) {
    String said = said(response, secrets);
    int status = response.status();
    Optional<VaultProblem> noNamespace = namespaceNotFound(response, vault, said);
    if (noNamespace.isPresent()) {
      return noNamespace;
    }
    if (status == 200) {
      JsonObject data = response.data();
      if (mount.map(m -> m.kvVersion() == 2).orElse(false) && data != null && data.containsKey("metadata")
        && data.getValue("data") == null) {
        return Optional.of(deletedVersion(path));
      }
      return Optional.empty();
    }
    if (status == 404) {
      boolean versionedWarning = response.warnings().stream()
        .anyMatch(w -> w.toLowerCase(Locale.ROOT).contains("invalid path for a versioned k/v"));
      if (versionedWarning) {
        return Optional.of(new VaultProblem(VaultErrorCode.KV_VERSION_MISMATCH,
          "'" + path + "' is not a valid path on a KV version 2 mount.",
          "Insert data/ after the mount path, e.g. secret/data/app rather than secret/app."));
      }
      Optional<VaultProblem> v2PathOnV1 = v2PathOnV1Mount(mount, path);
      if (v2PathOnV1.isPresent()) {
        return v2PathOnV1;
      }
      JsonObject data = response.data();
      if (data != null && data.getValue("metadata") instanceof JsonObject metadata
        && metadata.getValue("deletion_time") instanceof String deleted && !deleted.isEmpty()) {
        return Optional.of(deletedVersion(path));
      }
      return Optional.of(new VaultProblem(VaultErrorCode.PATH_NOT_FOUND,
        "Nothing is stored at '" + path + "'" + withText(said) + ".",
        "Check the secret path and that the secret was written to it."));
    }
    if (status == 403) {
      // a policy written for the v1 path does not cover the data/ form: the version is the real mistake
      Optional<VaultProblem> v2PathOnV1 = v2PathOnV1Mount(mount, path);
      if (v2PathOnV1.isPresent()) {
        return v2PathOnV1;
      }
      return Optional.of(new VaultProblem(VaultErrorCode.PERMISSION_DENIED,
        "The AppRole's token may not read '" + path + "' (403" + withText(said) + ").",
        "Grant the read capability on '" + path + "' to one of the role's policies " + policies
          + (mount.isEmpty() ? ", and check that a secrets engine is mounted there." : ".")));
    }
    if (status == 503 && said.toLowerCase(Locale.ROOT).contains("sealed")) {
      return Optional.of(sealed(said));
    }
    return Optional.of(unexpected(path, response, secrets));
  }

  /** A KV v2-style path (with data/) on a KV v1 mount, where it only names a folder called data. */
  private static Optional<VaultProblem> v2PathOnV1Mount(Optional<MountInfo> mount, String path) {
    if (mount.isEmpty() || mount.get().kvVersion() != 1
      || !mount.get().relative(path).map(rest -> rest.startsWith("data/")).orElse(false)) {
      return Optional.empty();
    }
    String rest = mount.get().relative(path).orElseThrow().substring("data/".length());
    return Optional.of(new VaultProblem(VaultErrorCode.KV_VERSION_MISMATCH,
      "'" + mount.get().path() + "' is a KV version 1 mount, where paths have no data/ segment.",
      "Use the path '" + mount.get().path() + rest + "'."));
  }

  /** OpenBao answers any request in a namespace that does not exist with 404 {@code namespace not found}. */
  private static Optional<VaultProblem> namespaceNotFound(VaultResponse response, VaultSettings vault, String said) {
    if (response.status() != 404 || !said.toLowerCase(Locale.ROOT).contains("namespace not found")) {
      return Optional.empty();
    }
    return Optional.of(new VaultProblem(VaultErrorCode.NAMESPACE_NOT_FOUND,
      "Vault has no namespace '" + vault.namespace() + "' (404" + withText(said) + ").",
      "Check the namespace: it is the path of an existing namespace, such as admin/team, without a leading slash."));
  }

  static VaultProblem sealed(String said) {
    return new VaultProblem(VaultErrorCode.VAULT_SEALED, "Vault is sealed (" + said + ").",
      "Ask the Vault operators to unseal the Vault.");
  }

  static VaultProblem unexpected(String what, VaultResponse response, Collection<String> secrets) {
    String said = said(response, secrets);
    return new VaultProblem(VaultErrorCode.VAULT_ERROR,
      "Vault answered " + response.status() + " to " + what
        + (response.unreadable() ? " with a body that is not Vault's JSON" : "") + withText(said) + ".",
      response.status() >= 500 ? RETRY : "Check that the address points at the Vault API.");
  }

  /** Vault's own words from errors (and warnings), cleaned and redacted; "" when it said nothing. */
  static String said(VaultResponse response, Collection<String> secrets) {
    List<String> messages = new ArrayList<>(response.errors());
    if (messages.isEmpty()) {
      messages.addAll(response.warnings());
    }
    return VaultMessages.summarize(messages, secrets);
  }

  private static VaultProblem deletedVersion(String path) {
    return new VaultProblem(VaultErrorCode.PATH_NOT_FOUND,
      "The latest version of '" + path + "' is deleted or destroyed.",
      "Restore the secret (vault kv undelete) or write a new version.");
  }

  private static VaultInfo standby(VaultInfo vault) {
    return vault == null ? null : new VaultInfo(vault.version(), vault.sealed(), true, vault.clusterName());
  }

  private static String withText(String said) {
    return said.isEmpty() ? "" : ": " + said;
  }

  private static long number(Object value) {
    if (value instanceof Number number) {
      return number.longValue();
    }
    try {
      return value == null ? 0 : Long.parseLong(value.toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static List<String> strings(Object value) {
    List<String> result = new ArrayList<>();
    if (value instanceof JsonArray array) {
      for (Object item : array) {
        if (item instanceof String text) {
          result.add(text);
        }
      }
    }
    return result;
  }
}
