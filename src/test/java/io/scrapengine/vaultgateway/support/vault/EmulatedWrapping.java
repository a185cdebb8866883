package io.scrapengine.vaultgateway.support.vault;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Response wrapping as Vault and OpenBao do it, for the wrapped secret_ids customers hand the gateway:
 * <ul>
 *   <li>A wrapped response lives behind a single-use token ({@code NumUses: 1}) with the wrap TTL, the
 *       {@code response-wrapping} policy, and the wrapping request's path as {@code creation_path}, relative to the
 *       namespace it was made in (vault/wrapping.go, wrapInCubbyhole). Its id carries the namespace's id after a dot
 *       when the namespace is not the root, so it is found in its own namespace whatever namespace a later request
 *       names (vault/token_store.go, lookupInternal with namespace.SplitIDFromString).</li>
 *   <li>{@code sys/wrapping/lookup} is unauthenticated (vault/logical_system.go, PathsSpecial.Unauthenticated) and
 *       takes the token in the body (or as X-Vault-Token): {@code creation_path}, {@code creation_time} (RFC 3339)
 *       and {@code creation_ttl} in seconds, without using the token up (handleWrappingLookup).</li>
 *   <li>{@code sys/wrapping/unwrap} is authenticated: the wrapping token itself as X-Vault-Token, or another
 *       token (whose default policy allows the path) with the wrapping token in the body; a body token alone has no
 *       client token and is refused 403 {@code permission denied} (vault/request_handling.go, CheckToken). It
 *       answers the wrapped response as it was and spends the token (handleWrappingUnwrap,
 *       responseWrappingUnwrap).</li>
 *   <li>Before either runs, the token is validated: an unknown, expired or used one is 400
 *       {@code wrapping token is not valid or does not exist} (request_handling.go with
 *       consts.ErrInvalidWrappingToken, mapped to 400 by sdk/logical/response_util.go); an empty one is 403
 *       {@code error validating wrapping token: token is empty} (wrapping.go, validateWrappingToken).</li>
 * </ul>
 */
public final class EmulatedWrapping {

  static final String PREFIX = "sys/wrapping/";
  private static final String INVALID = "wrapping token is not valid or does not exist";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  /** A wrapped secret_id as a test holds it: the token to hand over and the secret_id it holds. */
  public record WrappedSecretId(String token, String secretId) {
  }

  private record Wrapped(String namespace, String creationPath, JsonObject response, long createdAtMs,
                         long ttlSeconds) {
  }

  private final LongSupplier clock;
  private final Map<String, Wrapped> live = new ConcurrentHashMap<>();
  private final Map<String, Boolean> spent = new ConcurrentHashMap<>();
  private final Map<String, String> namespaceIds = new ConcurrentHashMap<>();

  EmulatedWrapping(LongSupplier clock) {
    this.clock = clock;
  }

  /**
   * What {@code vault write -wrap-ttl=<ttl> -f auth/<mount>/role/<role>/secret-id} does: a new secret_id for the
   * role (its login then accepts it) and its response, wrapped. The response is shaped as AppRole's
   * (builtin/credential/approle/path_role.go, handleRoleSecretIDCommon).
   */
  public WrappedSecretId wrapSecretId(EmulatedNamespace namespace, String mount, EmulatedRole role, Duration ttl) {
    String secretId = UUID.randomUUID().toString();
    role.secretId(secretId);
    JsonObject data = new JsonObject()
      .put("secret_id", secretId)
      .put("secret_id_accessor", UUID.randomUUID().toString())
      .put("secret_id_ttl", 0)
      .put("secret_id_num_uses", 0);
    return new WrappedSecretId(wrap(namespace, "auth/" + mount + "/role/" + role.name() + "/secret-id", data, ttl),
      secretId);
  }

  /** Wraps any response data, as a request to {@code creationPath} with {@code -wrap-ttl} would. */
  public String wrap(EmulatedNamespace namespace, String creationPath, JsonObject data, Duration ttl) {
    String token = "hvs." + random(24) + (namespace.path().isEmpty() ? "" : "." + namespaceId(namespace.path()));
    live.put(token, new Wrapped(namespace.path(), creationPath, EmulatedReply.envelope(data), clock.getAsLong(),
      ttl.toSeconds()));
    return token;
  }

  /** Whether the token was unwrapped. */
  public boolean spent(String token) {
    return spent.containsKey(token);
  }

  /**
   * Answers a request under {@code sys/wrapping/}.
   *
   * @param clientToken        the X-Vault-Token header, or null
   * @param clientTokenIsValid whether that header is a valid ordinary token of the emulator
   */
  EmulatedReply answer(HttpMethod method, String api, String clientToken, boolean clientTokenIsValid, String body) {
    if (method != HttpMethod.POST && method != HttpMethod.PUT) {
      return EmulatedReply.errors(405, "unsupported operation");
    }
    JsonObject input;
    try {
      input = body.isBlank() ? new JsonObject() : new JsonObject(body);
    } catch (DecodeException e) {
      return EmulatedReply.errors(400, "failed to parse JSON input: " + e.getMessage());
    }
    boolean thirdParty = input.getValue("token") != null;
    String token = thirdParty ? String.valueOf(input.getValue("token")) : clientToken;
    switch (api.substring(PREFIX.length())) {
      case "lookup" -> {
        if (token == null || token.isEmpty()) {
          return EmulatedReply.errors(403, "error validating wrapping token: token is empty");
        }
        Wrapped wrapped = valid(token);
        if (wrapped == null) {
          return EmulatedReply.errors(400, INVALID);
        }
        return EmulatedReply.data(new JsonObject()
          .put("creation_path", wrapped.creationPath())
          .put("creation_time", Instant.ofEpochMilli(wrapped.createdAtMs()).toString())
          .put("creation_ttl", wrapped.ttlSeconds()));
      }
      case "unwrap" -> {
        if (token == null || token.isEmpty()) {
          return EmulatedReply.errors(403, "error validating wrapping token: token is empty");
        }
        Wrapped wrapped = valid(token);
        if (wrapped == null) {
          return EmulatedReply.errors(400, INVALID);
        }
        if (thirdParty && !clientTokenIsValid) {
          // the body names the wrapping token, but the request itself carries no client token
          return EmulatedReply.errors(403, "permission denied");
        }
        if (live.remove(token) == null) {
          return EmulatedReply.errors(400, INVALID);
        }
        spent.put(token, Boolean.TRUE);
        return new EmulatedReply(200, wrapped.response());
      }
      default -> {
        return EmulatedReply.errors(404, "no handler for route \"" + api + "\". route entry not found.");
      }
    }
  }

  /** The live wrapped response behind {@code token}, or null when unknown, spent or past its TTL. */
  private Wrapped valid(String token) {
    Wrapped wrapped = live.get(token);
    if (wrapped == null) {
      return null;
    }
    if (clock.getAsLong() >= wrapped.createdAtMs() + wrapped.ttlSeconds() * 1000) {
      live.remove(token);
      return null;
    }
    return wrapped;
  }

  private String namespaceId(String path) {
    return namespaceIds.computeIfAbsent(path, ignored -> random(5));
  }

  private static String random(int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return text.toString();
  }
}
