package io.scrapengine.vaultgateway.vault;

import io.scrapengine.vaultgateway.domain.DomainException;
import io.scrapengine.vaultgateway.model.SecretValue;
import io.scrapengine.vaultgateway.model.VaultSettings;
import io.scrapengine.vaultgateway.vault.egress.AddressGuard;
import io.scrapengine.vaultgateway.metrics.GatewayMetrics;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/**
 * The calls the gateway makes to a customer's Vault (HashiCorp Vault or OpenBao HTTP API v1), non-blocking. Every
 * call resolves and vets the host first ({@link AddressGuard}) and then connects to the vetted address only;
 * {@code X-Vault-Namespace} goes on every call but sys/health when the target has a namespace.
 *
 * <p>Each method answers with Vault's response whatever its status (a 403 is an answer, not a failure); the future
 * fails only when there is no usable answer, always with a {@link DomainException}. What a status means
 * depends on the step, which is {@link ConnectionTest}'s business.
 */
public final class VaultClient {

  private static final Logger LOG = LoggerFactory.getLogger(VaultClient.class);

  private final AddressGuard guard;
  private final VaultHttp http;
  private final GatewayMetrics metrics;

  private VaultClient(AddressGuard guard, VaultHttp http, GatewayMetrics metrics) {
    this.guard = guard;
    this.http = http;
    this.metrics = metrics;
  }

  public static VaultClient create(Vertx vertx, VaultClientOptions options) {
    return create(vertx, options, GatewayMetrics.discarding());
  }

  /** Every call is counted and timed by operation and outcome (Vault's status, or why there was no answer). */
  public static VaultClient create(Vertx vertx, VaultClientOptions options, GatewayMetrics metrics) {
    return new VaultClient(AddressGuard.create(vertx, options.allowedCidrs(), options.requestTimeoutMs()),
      VaultHttp.create(vertx, options), metrics);
  }

  /**
   * {@code GET /v1/sys/health}: 200 active, 429 standby, 472 DR secondary, 473 performance standby, 474 standby
   * without its active node, 501 uninitialised, 503 sealed, 530 removed from the cluster. Always in the root
   * namespace: health is a root-only endpoint (OpenBao refuses it inside a namespace).
   */
  public Future<VaultResponse> health(VaultTarget target) {
    return call("health", target.settings(), HttpMethod.GET, "sys/health", null, null, false);
  }

  /** {@code POST /v1/auth/<mount>/login} with the role_id and secret_id. */
  public Future<VaultResponse> login(VaultTarget target) {
    JsonObject credentials = new JsonObject()
      .put("role_id", target.roleId())
      .put("secret_id", target.secretId().reveal());
    return call("login", target, HttpMethod.POST, "auth/" + target.authMount() + "/login", null, credentials);
  }

  /** {@code GET /v1/auth/token/lookup-self}: the token's ttl, renewable flag and policies. */
  public Future<VaultResponse> lookupSelf(VaultSettings vault, SecretValue token) {
    return call("lookup-self", vault, HttpMethod.GET, "auth/token/lookup-self", token, null, true);
  }

  /**
   * {@code POST /v1/auth/token/renew-self} asking for {@code incrementSeconds} more: the answer's
   * {@code auth.lease_duration} is what was granted, capped (with a warning) by the token's max TTL; a token that
   * is not renewable answers 400.
   */
  public Future<VaultResponse> renewSelf(VaultSettings vault, SecretValue token, long incrementSeconds) {
    return call("renew-self", vault, HttpMethod.POST, "auth/token/renew-self", token,
      new JsonObject().put("increment", incrementSeconds), true);
  }

  /** {@code POST /v1/auth/token/revoke-self}: 204 when revoked. */
  public Future<VaultResponse> revokeSelf(VaultSettings vault, SecretValue token) {
    return call("revoke-self", vault, HttpMethod.POST, "auth/token/revoke-self", token, null, true);
  }

  /** {@code GET /v1/<path>}, e.g. {@code secret/data/app/db} (KV v2) or {@code kv/app/db} (KV v1). */
  public Future<VaultResponse> read(VaultSettings vault, SecretValue token, String path) {
    requireValidPath(path);
    return call("read", vault, HttpMethod.GET, encodePath(path), token, null, true);
  }

  /** {@code GET /v1/<mount>/data/<key>?version=<version>}: one version of a KV v2 secret. */
  public Future<VaultResponse> read(VaultSettings vault, SecretValue token, String path, int version) {
    requireValidPath(path);
    return call("read", vault, HttpMethod.GET, encodePath(path) + "?version=" + version, token, null, true);
  }

  /** {@code GET /v1/sys/internal/ui/mounts/<path>}: the mount serving a path, its type and KV version. */
  public Future<VaultResponse> mountOf(VaultSettings vault, SecretValue token, String path) {
    requireValidPath(path);
    return call("mount", vault, HttpMethod.GET, "sys/internal/ui/mounts/" + encodePath(path), token, null, true);
  }

  /**
   * {@code POST /v1/sys/wrapping/lookup} with the wrap token in the body: an unauthenticated call that answers the
   * token's {@code creation_path}, {@code creation_time} and {@code creation_ttl} without using it up.
   */
  public Future<VaultResponse> lookupWrapping(VaultSettings vault, SecretValue wrapToken) {
    return call("wrapping-lookup", vault, HttpMethod.POST, "sys/wrapping/lookup", null,
      new JsonObject().put("token", wrapToken.reveal()), true);
  }

  /**
   * {@code POST /v1/sys/wrapping/unwrap} with the wrap token itself as {@code X-Vault-Token} (a token in the body
   * alone is refused with 403): answers the wrapped response, once; the token is spent by it.
   */
  public Future<VaultResponse> unwrap(VaultSettings vault, SecretValue wrapToken) {
    return call("unwrap", vault, HttpMethod.POST, "sys/wrapping/unwrap", wrapToken, null, true);
  }

  public Future<Void> close() {
    return http.close().eventually(guard::close);
  }

  /** @param operation the metrics' name for the call, from a fixed set */
  private Future<VaultResponse> call(String operation, VaultTarget target, HttpMethod method, String apiPath,
                                     SecretValue token, JsonObject body) {
    return call(operation, target.settings(), method, apiPath, token, body, true);
  }

  private Future<VaultResponse> call(String operation, VaultSettings target, HttpMethod method, String apiPath,
                                     SecretValue token, JsonObject body, boolean inNamespace) {
    VaultEndpoint endpoint = VaultEndpoint.parse(target.address());
    long started = System.nanoTime();
    return guard.vet(endpoint.host())
      .compose(address -> send(target, endpoint, address, method, apiPath, token, body,
        inNamespace ? target.namespace() : null))
      .andThen(done -> {
        long nanos = System.nanoTime() - started;
        metrics.vaultCall(operation, outcome(done), nanos);
        long ms = nanos / 1_000_000;
        if (done.succeeded()) {
          LOG.debug("Vault {} {} {} answered {} in {} ms", method, endpoint.display(), apiPath,
            done.result().status(), ms);
        } else {
          LOG.debug("Vault {} {} {} failed after {} ms: {}", method, endpoint.display(), apiPath, ms,
            done.cause().getMessage());
        }
      });
  }

  private Future<VaultResponse> send(VaultSettings target, VaultEndpoint endpoint, InetAddress address,
                                     HttpMethod method, String apiPath, SecretValue token, JsonObject body,
                                     String namespace) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    // Vault's own CLI sends this; Vault Agent and proxies use it to tell API calls from browser requests
    headers.set("X-Vault-Request", "true");
    if (namespace != null) {
      headers.set("X-Vault-Namespace", namespace);
    }
    if (token != null) {
      headers.set("X-Vault-Token", token.reveal());
    }
    Buffer payload = null;
    if (body != null) {
      headers.set("Content-Type", "application/json");
      payload = Buffer.buffer(body.encode().getBytes(StandardCharsets.UTF_8));
    }
    return http.send(endpoint, address, target, method, endpoint.uri(apiPath), headers, payload);
  }

  /** Vault's HTTP status when it answered; otherwise the code of why not (unreachable, TLS, refused address). */
  private static String outcome(AsyncResult<VaultResponse> done) {
    if (done.succeeded()) {
      return Integer.toString(done.result().status());
    }
    return done.cause() instanceof DomainException domain && domain.vaultProblem() != null
      ? domain.vaultProblem().code().name() : "ERROR";
  }

  private static void requireValidPath(String path) {
    SecretPathRule.violation(path).ifPresent(reason -> {
      throw new IllegalArgumentException("path " + reason);
    });
  }

  /** Percent-encodes each segment, so a path can only ever name something under {@code /v1/}. */
  static String encodePath(String path) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
        encoded.append((char) c);
      } else {
        encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
          .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return encoded.toString();
  }
}
