package io.scrapengine.vaultgateway.support.vault;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-process stand-in for a HashiCorp Vault (or OpenBao) server, for tests only. It listens on loopback over
 * HTTP and HTTPS (with a CA made at start) and answers the API v1 the way Vault's documentation and source say:
 * AppRole login per mount and namespace, service tokens with TTLs, {@code auth/token/lookup-self},
 * {@code renew-self} and {@code revoke-self}, KV v1 and v2 reads under ACL policies,
 * {@code sys/internal/ui/mounts/<path>}, and {@code sys/health} in active, standby, performance standby, sealed
 * and uninitialised modes (and, as Vault, DR secondary, unhealthy HA and removed-node answers). Every request is
 * recorded so tests can assert what was (or was not) sent, unless started without recording (for load, as the
 * benchmark's {@link EmulatorMain} does).
 *
 * <p>Where Vault and OpenBao differ, {@link #flavour(Flavour)} chooses; each such behaviour names the upstream file
 * it follows (OpenBao's source, https://github.com/openbao/openbao, which shares Vault's history).
 *
 * <pre>{@code
 * VaultEmulator vault = VaultEmulator.start(vertx);
 * vault.namespace("admin/team")
 *   .approle("approle", role -> role.roleId("r-1").secretId("s-1").policies("app"))
 *   .policy("app", "secret/data/app/*", "read")
 *   .kv2("secret").put("app/db", Map.of("password", "pw"));
 * }</pre>
 */
public final class VaultEmulator implements AutoCloseable {

  /** What sys/health reports and whether requests are served. */
  public enum Mode {
    ACTIVE, STANDBY, PERFORMANCE_STANDBY, SEALED, UNINITIALIZED,
    /** A disaster-recovery secondary (Vault Enterprise): 472, serves nothing. */
    DR_SECONDARY,
    /** A standby that cannot reach its active node (Vault 1.19): 474. */
    HA_UNHEALTHY,
    /** A node removed from its raft cluster (Vault 1.19): 530. */
    REMOVED
  }

  /** Which server to behave as where they differ. */
  public enum Flavour { VAULT, OPENBAO }

  /**
   * Start-up choices.
   *
   * @param tlsNames       names and IP literals the server certificate is issued for
   * @param ipv6           also listen on [::1] (same ports) when the machine allows it
   * @param recordRequests keep every request for {@link #requests()}; off for load, where an ever-growing list
   *                       would cost more than the answers (requests are still counted, see {@link #served()})
   * @param httpPort       the plain HTTP port on 127.0.0.1; 0 takes any free one
   */
  public record Options(List<String> tlsNames, boolean ipv6, boolean recordRequests, int httpPort) {
    public static Options defaults() {
      return new Options(List.of("localhost", "127.0.0.1", "::1"), true, true, 0);
    }

    public Options withTlsNames(String... names) {
      return new Options(List.of(names), ipv6, recordRequests, httpPort);
    }

    /** Counts requests without keeping them: for load, e.g. the benchmark's emulator. */
    public Options withoutRecording() {
      return new Options(tlsNames, ipv6, false, httpPort);
    }

    /** 127.0.0.1 only, no [::1]. */
    public Options withoutIpv6() {
      return new Options(tlsNames, false, recordRequests, httpPort);
    }

    public Options withHttpPort(int port) {
      return new Options(tlsNames, ipv6, recordRequests, port);
    }
  }

  public static final String VERSION = "1.19.0";
  public static final String OPENBAO_VERSION = "2.4.1";
  public static final String CLUSTER_NAME = "vault-cluster-emulator";
  private static final String VERSIONED_KV_WARNING = "Invalid path for a versioned K/V secrets engine. See the API "
    + "docs for the appropriate API endpoints to use. If using the %s CLI, use '%s kv get' for this operation.";

  private static final Pattern LOGIN = Pattern.compile("^auth/(.+)/login$");
  private static final String MOUNTS_PREFIX = "sys/internal/ui/mounts/";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private final TestPki authority = TestPki.createAuthority("Vault Emulator CA");
  private final Map<String, EmulatedNamespace> namespaces = new ConcurrentHashMap<>();
  private final Map<String, EmulatedToken> tokens = new ConcurrentHashMap<>();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final AtomicLong served = new AtomicLong();
  private final Map<String, AtomicInteger> loginsByRoleId = new ConcurrentHashMap<>();
  private final Map<String, Handler<HttpServerRequest>> overrides = new LinkedHashMap<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final EmulatedTransit transit = new EmulatedTransit();
  private final EmulatedWrapping wrapping = new EmulatedWrapping(this::now);
  private final List<HttpServer> servers = new ArrayList<>();
  private final String clusterId = UUID.randomUUID().toString();
  private final Lockouts lockouts = new Lockouts();
  private volatile Mode mode = Mode.ACTIVE;
  private volatile Flavour flavour = Flavour.VAULT;
  private volatile long clockOffsetMs;
  private volatile String pathPrefix = "";
  private int port;
  private int tlsPort;
  private boolean ipv6;
  private boolean recording = true;

  private VaultEmulator() {
    namespaces.put("", new EmulatedNamespace(""));
  }

  public static VaultEmulator start(Vertx vertx) {
    return start(vertx, Options.defaults());
  }

  /** Starts listening on 127.0.0.1 (and [::1] if asked and possible); call from a test thread, not a loop. */
  public static VaultEmulator start(Vertx vertx, Options options) {
    VaultEmulator emulator = new VaultEmulator();
    emulator.recording = options.recordRequests();
    TestPki.ServerCertificate certificate = emulator.authority.issueServer(options.tlsNames().toArray(String[]::new));
    HttpServerOptions tls = new HttpServerOptions().setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
      .setCertValue(Buffer.buffer(certificate.certificatePem()))
      .setKeyValue(Buffer.buffer(certificate.privateKeyPem())));
    emulator.port = emulator.listen(vertx, new HttpServerOptions(), false, options.httpPort(), "127.0.0.1").await().actualPort();
    emulator.tlsPort = emulator.listen(vertx, tls, true, 0, "127.0.0.1").await().actualPort();
    if (options.ipv6()) {
      try {
        emulator.listen(vertx, new HttpServerOptions(), false, emulator.port, "::1").await();
        emulator.listen(vertx, tls, true, emulator.tlsPort, "::1").await();
        emulator.ipv6 = true;
      } catch (RuntimeException e) {
        emulator.ipv6 = false;
      }
    }
    return emulator;
  }

  private Future<HttpServer> listen(Vertx vertx, HttpServerOptions options, boolean secure, int listenPort,
                                    String host) {
    HttpServer server = vertx.createHttpServer(options)
      .connectionHandler(connection -> connections.incrementAndGet())
      .requestHandler(request -> handle(request, secure));
    return server.listen(listenPort, host).onSuccess(servers::add);
  }

  // ---- test API ------------------------------------------------------------------------------------------------

  public int port() {
    return port;
  }

  public int tlsPort() {
    return tlsPort;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** {@code https://127.0.0.1:<tlsPort>}. */
  public String tlsUrl() {
    return "https://127.0.0.1:" + tlsPort;
  }

  /** The CA that issued the HTTPS certificate, PEM. */
  public String caPem() {
    return authority.certificatePem();
  }

  /** Whether the emulator also listens on [::1]. */
  public boolean ipv6() {
    return ipv6;
  }

  public EmulatedNamespace root() {
    return namespaces.get("");
  }

  /** The namespace at {@code path} (e.g. {@code admin/team}), created with its parents on first use. */
  public EmulatedNamespace namespace(String path) {
    String clean = trimSlashes(path);
    String[] parts = clean.split("/");
    StringBuilder current = new StringBuilder();
    for (String part : parts) {
      current.append(current.length() == 0 ? "" : "/").append(part);
      namespaces.computeIfAbsent(current.toString(), EmulatedNamespace::new);
    }
    return namespaces.get(clean);
  }

  public VaultEmulator approle(String mount, Consumer<EmulatedRole> role) {
    root().approle(mount, role);
    return this;
  }

  public EmulatedKv kv2(String mount) {
    return root().kv2(mount);
  }

  public EmulatedKv kv1(String mount) {
    return root().kv1(mount);
  }

  public EmulatedKv kv1WithVersionOption(String mount) {
    return root().kv1WithVersionOption(mount);
  }

  public VaultEmulator policy(String name, String pattern, String... capabilities) {
    root().policy(name, pattern, capabilities);
    return this;
  }

  /** Transit secrets engines and their keys (see {@link EmulatedTransit}). */
  public EmulatedTransit transit() {
    return transit;
  }

  /** Response-wrapped secret_ids and other wrapped responses (see {@link EmulatedWrapping}). */
  public EmulatedWrapping wrapping() {
    return wrapping;
  }

  public VaultEmulator mode(Mode value) {
    mode = value;
    return this;
  }

  public VaultEmulator flavour(Flavour value) {
    flavour = value;
    return this;
  }

  public Flavour flavour() {
    return flavour;
  }

  /** Serves the API under {@code prefix + "/v1/"}, like a Vault behind a reverse proxy at a sub-path. */
  public VaultEmulator pathPrefix(String prefix) {
    pathPrefix = prefix;
    return this;
  }

  /** Moves the emulator's clock on, e.g. past a token's TTL. */
  public VaultEmulator advanceClock(Duration by) {
    clockOffsetMs += by.toMillis();
    return this;
  }

  /** Answers requests whose path starts with {@code pathPrefix} with {@code handler} instead of the API. */
  public VaultEmulator respond(String pathPrefix, Handler<HttpServerRequest> handler) {
    synchronized (overrides) {
      overrides.put(pathPrefix, handler);
    }
    return this;
  }

  /** Serves the API again where {@link #respond} had taken over. */
  public VaultEmulator clearResponders() {
    synchronized (overrides) {
      overrides.clear();
    }
    return this;
  }

  /** Every request received so far, in order; none when started {@link Options#withoutRecording() without}. */
  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  public List<RecordedRequest> requests(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  public VaultEmulator clearRequests() {
    requests.clear();
    return this;
  }

  /** Requests received so far, recorded or not. */
  public long served() {
    return served.get();
  }

  /** AppRole login requests so far that named {@code roleId}, whatever their outcome. */
  public int logins(String roleId) {
    AtomicInteger count = loginsByRoleId.get(roleId);
    return count == null ? 0 : count.get();
  }

  /** TCP connections accepted so far (HTTP and HTTPS, IPv4 and IPv6). */
  public int connections() {
    return connections.get();
  }

  /** Every token issued so far. */
  public List<EmulatedToken> tokens() {
    return tokens.values().stream().sorted(Comparator.comparingLong(EmulatedToken::issuedAtMs)).toList();
  }

  @Override
  public void close() {
    for (HttpServer server : servers) {
      server.close().await();
    }
  }

  // ---- the API -------------------------------------------------------------------------------------------------

  private record Answer(int status, JsonObject body) {
  }

  /** The namespace a request addresses (null when it does not exist) and the API path inside it. */
  private record Scope(EmulatedNamespace namespace, String api) {
  }

  private void handle(HttpServerRequest request, boolean secure) {
    request.body().onComplete(read -> {
      String body = read.succeeded() ? read.result().toString(StandardCharsets.UTF_8) : "";
      served.incrementAndGet();
      if (recording) {
        requests.add(new RecordedRequest(request.method().name(), request.uri(),
          MultiMap.caseInsensitiveMultiMap().addAll(request.headers()), body, secure, System.currentTimeMillis()));
      }
      Handler<HttpServerRequest> override = override(request.path());
      if (override != null) {
        override.handle(request);
        return;
      }
      Answer answer;
      try {
        answer = route(request, body);
      } catch (RuntimeException e) {
        answer = errors(500, "internal error: " + e.getClass().getSimpleName());
      }
      request.response()
        .setStatusCode(answer.status())
        .putHeader("Cache-Control", "no-store");
      if (answer.body() == null || request.method() == HttpMethod.HEAD) {
        request.response().end();
      } else {
        request.response().putHeader("Content-Type", "application/json").end(answer.body().encode());
      }
    });
  }

  private Handler<HttpServerRequest> override(String path) {
    synchronized (overrides) {
      for (Map.Entry<String, Handler<HttpServerRequest>> entry : overrides.entrySet()) {
        if (path.startsWith(entry.getKey())) {
          return entry.getValue();
        }
      }
    }
    return null;
  }

  private Answer route(HttpServerRequest request, String body) {
    String prefix = pathPrefix;
    if (!request.path().startsWith(prefix + "/v1/")) {
      return errors(404);
    }
    String rawPath = request.path().substring(prefix.length());
    String api = URLDecoder.decode(rawPath.substring(4).replace("+", "%2B"), StandardCharsets.UTF_8);
    String namespaceHeader = trimSlashes(Optional.ofNullable(request.getHeader("X-Vault-Namespace")).orElse(""));
    if (api.equals("sys/health")) {
      // OpenBao serves sys/health in the root namespace only (internal/http/handler.go, restrictedSysAPIs)
      if (flavour == Flavour.OPENBAO && !namespaceHeader.isEmpty()) {
        return errors(400, "operation unavailable in namespaces");
      }
      return health(request);
    }
    if (mode != Mode.ACTIVE && mode != Mode.STANDBY && mode != Mode.PERFORMANCE_STANDBY) {
      return errors(503, "Vault is sealed");
    }
    Scope scope = scope(namespaceHeader, api);
    if (scope.namespace() == null && flavour == Flavour.OPENBAO) {
      // OpenBao: internal/vault/request_handling.go answers an unknown namespace before anything else; Vault
      // Enterprise answers 403 permission denied instead, like a missing mount (handled below)
      return errors(404, "namespace not found");
    }
    Matcher login = LOGIN.matcher(scope.api());
    if (login.matches()) {
      return login(request, scope, login.group(1), body);
    }
    if (scope.namespace() != null && scope.api().startsWith(EmulatedWrapping.PREFIX)) {
      EmulatedReply reply = wrapping.answer(request.method(), scope.api(), request.getHeader("X-Vault-Token"),
        token(request) != null, body);
      return new Answer(reply.status(), reply.body());
    }
    EmulatedToken token = token(request);
    if (token == null || scope.namespace() == null || !visible(token, scope.namespace())) {
      return errors(403, "permission denied");
    }
    if (transit.serves(scope.namespace(), scope.api())) {
      EmulatedReply reply = transit.answer(request.method(), scope.namespace(), scope.api(), body, Acl.capabilities(
        namespaces.get(token.namespace()), token.policies(), aclPath(token, scope.namespace(), scope.api())));
      return new Answer(reply.status(), reply.body());
    }
    boolean write = request.method() == HttpMethod.POST || request.method() == HttpMethod.PUT;
    boolean get = request.method() == HttpMethod.GET;
    switch (scope.api()) {
      case "auth/token/lookup-self":
        return get ? envelope(lookup(token), null, null) : errors(405, "unsupported operation");
      case "auth/token/renew-self":
        return write ? renew(token, body) : errors(405, "unsupported operation");
      case "auth/token/revoke-self":
        if (!write) {
          return errors(405, "unsupported operation");
        }
        token.revoke();
        return new Answer(204, null);
      default:
        break;
    }
    if (!get) {
      return errors(405, "unsupported operation");
    }
    if (scope.api().startsWith(MOUNTS_PREFIX)) {
      return mountOf(token, scope, scope.api().substring(MOUNTS_PREFIX.length()));
    }
    return read(token, scope, request.getParam("version"));
  }

  private Answer health(HttpServerRequest request) {
    Mode current = mode;
    boolean standbyOk = "true".equals(request.getParam("standbyok"));
    boolean perfStandbyOk = "true".equals(request.getParam("perfstandbyok"));
    // OpenBao: internal/http/sys_health.go; Vault's http/sys_health.go adds the Enterprise and 1.19 codes. A
    // sealed node reports itself a standby (the core is one while sealed) and, sealed, knows no cluster.
    boolean sealed = current == Mode.SEALED || current == Mode.UNINITIALIZED;
    JsonObject body = new JsonObject()
      .put("initialized", current != Mode.UNINITIALIZED)
      .put("sealed", sealed)
      .put("standby", current != Mode.ACTIVE && current != Mode.DR_SECONDARY)
      .put("replication_performance_mode", "disabled")
      .put("replication_dr_mode", current == Mode.DR_SECONDARY ? "secondary" : "disabled")
      .put("server_time_utc", now() / 1000)
      .put("version", flavour == Flavour.OPENBAO ? OPENBAO_VERSION : VERSION);
    if (flavour == Flavour.VAULT) {
      body.put("performance_standby", current == Mode.PERFORMANCE_STANDBY).put("enterprise", namespaces.size() > 1);
    }
    if (!sealed) {
      body.put("cluster_name", CLUSTER_NAME).put("cluster_id", clusterId);
    }
    if (flavour == Flavour.VAULT && current == Mode.REMOVED) {
      body.put("removed_from_cluster", true);
    }
    int status = switch (current) {
      case ACTIVE -> 200;
      case STANDBY -> standbyOk ? 200 : 429;
      case PERFORMANCE_STANDBY -> perfStandbyOk ? 200 : 473;
      case SEALED -> 503;
      case UNINITIALIZED -> 501;
      case DR_SECONDARY -> 472;
      case HA_UNHEALTHY -> 474;
      case REMOVED -> 530;
    };
    return new Answer(status, body);
  }

  private Answer login(HttpServerRequest request, Scope scope, String mount, String body) {
    // since Vault 1.10 a login to a missing mount (or namespace) is refused before routing, as permission denied
    Optional<Map<String, EmulatedRole>> roles = scope.namespace() == null ? Optional.empty()
      : scope.namespace().approleMount(mount);
    if (roles.isEmpty()) {
      return errors(403, "permission denied");
    }
    if (request.method() != HttpMethod.POST && request.method() != HttpMethod.PUT) {
      return errors(405, "unsupported operation");
    }
    JsonObject input;
    try {
      input = body.isBlank() ? new JsonObject() : new JsonObject(body);
    } catch (DecodeException e) {
      return errors(400, "failed to parse JSON input: " + e.getMessage());
    }
    String roleId = input.getValue("role_id") instanceof String text ? text.trim() : "";
    if (roleId.isEmpty()) {
      return errors(400, "missing role_id");
    }
    loginsByRoleId.computeIfAbsent(roleId, key -> new AtomicInteger()).incrementAndGet();
    // the lockout is checked before the credentials, so a locked role is refused even with the right secret_id
    String alias = scope.namespace().path() + "|" + mount + "|" + roleId;
    if (lockouts.locked(alias, now())) {
      return errors(403, "permission denied");
    }
    EmulatedRole role = roles.get().values().stream().filter(r -> r.roleId().equals(roleId)).findFirst()
      .orElse(null);
    if (role == null) {
      // path_login.go answers an unknown role without ErrInvalidCredentials: not counted towards a lockout
      return errors(400, "invalid role or secret ID");
    }
    String secretId = input.getValue("secret_id") instanceof String text ? text.trim() : "";
    if (secretId.isEmpty()) {
      return errors(400, "missing secret_id");
    }
    switch (role.spend(secretId)) {
      case UNKNOWN -> {
        lockouts.failed(alias, now());
        return errors(400, "invalid role or secret ID");
      }
      case LOST_RACE -> {
        return errors(400, "invalid secret_id \"" + secretId + "\"");
      }
      case ACCEPTED -> lockouts.succeeded(alias);
    }
    EmulatedToken token = new EmulatedToken("hvs." + random(24), random(24), scope.namespace().path(), role.name(),
      "auth/" + mount + "/login", role.tokenPolicies(), role.renewable(), role.ttlSeconds(), role.maxTtlSeconds(),
      now());
    tokens.put(token.id(), token);
    return envelope(null, auth(token), null);
  }

  private JsonObject auth(EmulatedToken token) {
    return new JsonObject()
      .put("client_token", token.id())
      .put("accessor", token.accessor())
      .put("policies", new JsonArray(List.copyOf(token.policies())))
      .put("token_policies", new JsonArray(List.copyOf(token.policies())))
      .put("metadata", new JsonObject().put("role_name", token.roleName()))
      .put("lease_duration", token.grantedSeconds())
      .put("renewable", token.renewable())
      .put("entity_id", UUID.nameUUIDFromBytes(token.roleName().getBytes(StandardCharsets.UTF_8)).toString())
      .put("token_type", "service")
      .put("orphan", true)
      .put("mfa_requirement", null)
      .put("num_uses", 0);
  }

  private JsonObject lookup(EmulatedToken token) {
    long nowMs = now();
    return new JsonObject()
      .put("accessor", token.accessor())
      .put("creation_time", token.issuedAtMs() / 1000)
      .put("creation_ttl", token.ttlSeconds())
      .put("display_name", "approle")
      .put("entity_id", UUID.nameUUIDFromBytes(token.roleName().getBytes(StandardCharsets.UTF_8)).toString())
      .put("expire_time", token.expiresAtMs() == Long.MAX_VALUE ? null
        : Instant.ofEpochMilli(token.expiresAtMs()).toString())
      .put("explicit_max_ttl", 0)
      .put("id", token.id())
      .put("issue_time", Instant.ofEpochMilli(token.issuedAtMs()).toString())
      .put("meta", new JsonObject().put("role_name", token.roleName()))
      .put("num_uses", 0)
      .put("orphan", true)
      .put("path", token.loginPath())
      .put("policies", new JsonArray(List.copyOf(token.policies())))
      .put("renewable", token.renewable())
      .put("ttl", token.remainingSeconds(nowMs))
      .put("type", "service")
      .put("namespace_path", token.namespace().isEmpty() ? "" : token.namespace() + "/");
  }

  private Answer renew(EmulatedToken token, String body) {
    // internal/vault/expiration.go: leaseEntry.renewable
    if (!token.renewable()) {
      return errors(400, "lease is not renewable");
    }
    long increment = 0;
    try {
      JsonObject input = body.isBlank() ? new JsonObject() : new JsonObject(body);
      increment = input.getValue("increment") instanceof Number number ? number.longValue() : 0;
    } catch (DecodeException e) {
      return errors(400, "failed to parse JSON input: " + e.getMessage());
    }
    List<String> warnings = token.renew(now(), increment);
    return envelope(null, auth(token), warnings.isEmpty() ? null : new JsonArray(List.copyOf(warnings)));
  }

  private Answer mountOf(EmulatedToken token, Scope scope, String path) {
    String asked = trimSlashes(path) + "/";
    String denied = "preflight capability check returned 403, please ensure client's policies grant access to path \""
      + asked + "\"";
    EmulatedNamespace tokenNamespace = namespaces.get(token.namespace());
    if (Acl.denies(tokenNamespace, token.policies(), aclPath(token, scope.namespace(), MOUNTS_PREFIX + asked))) {
      return errors(403, "1 error occurred:\n\t* permission denied\n\n");
    }
    // internal/vault/logical_system.go pathInternalUIMountRead: no mount, or no access to it, is the same 403
    Optional<EmulatedKv> kv = scope.namespace().kvFor(trimSlashes(path));
    if (kv.isEmpty()) {
      return errors(403, denied);
    }
    String aclMount = aclPath(token, scope.namespace(), kv.get().path());
    if (!Acl.hasMountAccess(namespaces.get(token.namespace()), token.policies(), aclMount)) {
      return errors(403, denied);
    }
    JsonObject data = new JsonObject()
      .put("accessor", "kv_" + Integer.toHexString(kv.get().path().hashCode()))
      .put("config", new JsonObject().put("default_lease_ttl", 0).put("max_lease_ttl", 0)
        .put("force_no_cache", false))
      .put("description", "key/value secret storage")
      .put("external_entropy_access", false)
      .put("local", false)
      // `secrets enable kv` leaves the options empty; `-version=1` writes "1"; a v2 mount says "2"
      .put("options", kv.get().optionsVersion() == null ? null
        : new JsonObject().put("version", kv.get().optionsVersion()))
      .put("path", kv.get().path())
      .put("plugin_version", "")
      .put("running_plugin_version", "v0.21.0+builtin")
      .put("seal_wrap", false)
      .put("type", "kv")
      .put("uuid", UUID.nameUUIDFromBytes(kv.get().path().getBytes(StandardCharsets.UTF_8)).toString());
    return envelope(data, null, null);
  }

  private Answer read(EmulatedToken token, Scope scope, String versionParameter) {
    String api = scope.api();
    EmulatedNamespace tokenNamespace = namespaces.get(token.namespace());
    if (!Acl.capabilities(tokenNamespace, token.policies(), aclPath(token, scope.namespace(), api)).contains("read")) {
      return errors(403, "1 error occurred:\n\t* permission denied\n\n");
    }
    Optional<EmulatedKv> mount = scope.namespace().kvFor(api);
    if (mount.isEmpty()) {
      return errors(404, "no handler for route \"" + api + "\". route entry not found.");
    }
    EmulatedKv kv = mount.get();
    String relative = (api + "/").length() > kv.path().length() ? api.substring(kv.path().length()) : "";
    if (kv.version() == 1) {
      EmulatedKv.Entry entry = kv.get(relative);
      return entry == null ? errors(404) : envelope(new JsonObject(entry.data()), null, null, 2_764_800);
    }
    if (relative.startsWith("data/")) {
      // OpenBao: internal/builtin/logical/kv/path_data.go pathDataRead (no key or no such version: 404 errors [])
      String key = relative.substring("data/".length());
      int versionNumber;
      try {
        versionNumber = versionParameter == null ? 0 : Integer.parseInt(versionParameter);
      } catch (NumberFormatException e) {
        return errors(400, "version must be an integer");
      }
      EmulatedKv.Entry entry = versionNumber > 0 ? kv.get(key, versionNumber) : kv.get(key);
      if (entry == null) {
        return errors(404);
      }
      JsonObject metadata = new JsonObject()
        .put("created_time", entry.createdAt().toString())
        .put("custom_metadata", null)
        .put("deletion_time", entry.deletedAt() == null ? "" : entry.deletedAt().toString())
        .put("destroyed", false)
        .put("version", entry.version());
      if (entry.deletedAt() != null) {
        return new Answer(404, envelopeBody(new JsonObject().put("data", null).put("metadata", metadata), null,
          null, 0));
      }
      return envelope(new JsonObject().put("data", new JsonObject(entry.data())).put("metadata", metadata), null,
        null);
    }
    if (relative.startsWith("metadata/")) {
      EmulatedKv.Entry entry = kv.get(relative.substring("metadata/".length()));
      return entry == null ? errors(404) : envelope(new JsonObject().put("current_version", entry.version())
        .put("created_time", entry.createdAt().toString()), null, null);
    }
    // internal/builtin/logical/kv/backend.go: a warning and a 404, no errors key; after the ACL check above
    return new Answer(404, envelopeBody(null, null, new JsonArray().add(versionedKvWarning()), 0));
  }

  // ---- helpers -------------------------------------------------------------------------------------------------

  private String versionedKvWarning() {
    return flavour == Flavour.OPENBAO ? VERSIONED_KV_WARNING.formatted("OpenBao", "bao")
      : VERSIONED_KV_WARNING.formatted("Vault", "vault");
  }

  private Scope scope(String headerNamespace, String api) {
    EmulatedNamespace base = namespaces.get(headerNamespace);
    if (base == null) {
      return new Scope(null, api);
    }
    // the path-prefix form: /v1/<child namespace>/<api> addresses a namespace under the header's one
    EmulatedNamespace chosen = base;
    String rest = api;
    for (EmulatedNamespace candidate : namespaces.values()) {
      String path = candidate.path();
      boolean descendant = headerNamespace.isEmpty() ? !path.isEmpty() : path.startsWith(headerNamespace + "/");
      if (!descendant) {
        continue;
      }
      String relative = headerNamespace.isEmpty() ? path : path.substring(headerNamespace.length() + 1);
      if (api.startsWith(relative + "/") && path.length() > chosen.path().length()) {
        chosen = candidate;
        rest = api.substring(relative.length() + 1);
      }
    }
    return new Scope(chosen, rest);
  }

  private EmulatedToken token(HttpServerRequest request) {
    String header = request.getHeader("X-Vault-Token");
    if (header == null && request.getHeader("Authorization") != null
      && request.getHeader("Authorization").startsWith("Bearer ")) {
      header = request.getHeader("Authorization").substring("Bearer ".length());
    }
    EmulatedToken token = header == null ? null : tokens.get(header);
    return token != null && token.usable(now()) ? token : null;
  }

  /** A token works in its own namespace and below it. */
  private static boolean visible(EmulatedToken token, EmulatedNamespace namespace) {
    return token.namespace().isEmpty() || namespace.path().equals(token.namespace())
      || namespace.path().startsWith(token.namespace() + "/");
  }

  /** Policies are written relative to the token's namespace, so a child namespace's paths carry its prefix. */
  private static String aclPath(EmulatedToken token, EmulatedNamespace namespace, String api) {
    if (namespace.path().equals(token.namespace())) {
      return api;
    }
    String relative = token.namespace().isEmpty() ? namespace.path()
      : namespace.path().substring(token.namespace().length() + 1);
    return relative + "/" + api;
  }

  private Answer envelope(JsonObject data, JsonObject auth, JsonArray warnings) {
    return envelope(data, auth, warnings, 0);
  }

  private Answer envelope(JsonObject data, JsonObject auth, JsonArray warnings, long leaseDuration) {
    return new Answer(200, envelopeBody(data, auth, warnings, leaseDuration));
  }

  private static JsonObject envelopeBody(JsonObject data, JsonObject auth, JsonArray warnings, long leaseDuration) {
    return new JsonObject()
      .put("request_id", UUID.randomUUID().toString())
      .put("lease_id", "")
      .put("renewable", false)
      .put("lease_duration", leaseDuration)
      .put("data", data)
      .put("wrap_info", null)
      .put("warnings", warnings)
      .put("auth", auth)
      .put("mount_type", "");
  }

  private static Answer errors(int status, String... messages) {
    return new Answer(status, new JsonObject().put("errors", new JsonArray(List.of((Object[]) messages))));
  }

  private long now() {
    return System.currentTimeMillis() + clockOffsetMs;
  }

  private static String trimSlashes(String path) {
    String result = path;
    while (result.startsWith("/")) {
      result = result.substring(1);
    }
    while (result.endsWith("/")) {
      result = result.substring(0, result.length() - 1);
    }
    return result;
  }

  private static String random(int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return text.toString();
  }
}
