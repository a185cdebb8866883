package io.scrapengine.vaultgateway.support;

import io.scrapengine.vaultgateway.GatewayApp;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.scrapengine.vaultgateway.Observability;
import io.scrapengine.vaultgateway.auth.DevSigningKey;
import io.scrapengine.vaultgateway.auth.DevTokenMinter;
import io.scrapengine.vaultgateway.config.ConfigLoader;
import io.scrapengine.vaultgateway.config.GatewayConfig;
import io.scrapengine.vaultgateway.crypto.DevKek;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real gateway (dev profile, its own data directory and port, two instances per verticle) against a test
 * database, plus an HTTP client and a dev token minter for it.
 */
public final class TestGateway implements AutoCloseable {

  public static final String WRITE = "vault-integrations:write";
  public static final String READ = "vault-integrations:read";
  public static final String INTEGRATIONS = "/api/v1/vault-integrations";

  private final GatewayApp app;
  private final GatewayConfig config;
  private final WebClient client;
  private final DevTokenMinter minter;
  /** Set when this gateway built its own Vert.x (with metrics and tracing), which it then closes. */
  private Vertx ownVertx;
  private Observability observability;

  private TestGateway(GatewayApp app, GatewayConfig config, WebClient client, DevTokenMinter minter) {
    this.app = app;
    this.config = config;
    this.client = client;
    this.minter = minter;
  }

  /**
   * A gateway as {@code serve} runs it: on a Vert.x of its own, built with the process's metrics (Vert.x, JVM and
   * gateway meters) and tracing.
   */
  public static TestGateway startObserved(TestDatabase database, JsonObject overrides) {
    return startObserved(database, overrides, null);
  }

  /** @param spans receives every finished span, or null */
  public static TestGateway startObserved(TestDatabase database, JsonObject overrides, SpanProcessor spans) {
    Vertx bootstrap = Vertx.vertx();
    GatewayConfig config;
    try {
      config = ConfigLoader.load(bootstrap, defaults(database).mergeIn(overrides, true), false).await();
    } finally {
      bootstrap.close().await();
    }
    Observability observability = Observability.create(config, spans);
    Vertx vertx = GatewayApp.vertx(config, observability);
    GatewayApp app = GatewayApp.start(vertx, config, observability).await();
    try {
      TestGateway gateway = new TestGateway(app, config, WebClient.create(vertx, new WebClientOptions()
        .setDefaultHost("127.0.0.1").setDefaultPort(config.http().port())), DevTokenMinter.create(vertx, config));
      gateway.ownVertx = vertx;
      gateway.observability = observability;
      return gateway;
    } catch (Exception e) {
      app.stop().eventually(vertx::close).await();
      throw new IllegalStateException(e);
    }
  }

  /** The Vert.x this gateway runs on, when it built its own. */
  public Vertx vertx() {
    return ownVertx;
  }

  public static TestGateway start(Vertx vertx, TestDatabase database) {
    return start(vertx, database, new JsonObject());
  }

  /** @param overrides configuration merged over the test defaults */
  public static TestGateway start(Vertx vertx, TestDatabase database, JsonObject overrides) {
    GatewayConfig config = ConfigLoader.load(vertx, defaults(database).mergeIn(overrides, true), false).await();
    GatewayApp app = GatewayApp.start(vertx, config).await();
    try {
      DevTokenMinter minter = DevTokenMinter.create(vertx, config);
      WebClient client = WebClient.create(vertx, new WebClientOptions()
        .setDefaultHost("127.0.0.1").setDefaultPort(config.http().port()));
      return new TestGateway(app, config, client, minter);
    } catch (Exception e) {
      app.stop().await();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Another instance of {@code peer}'s deployment: the same database, key-encryption key and token signing key
   * (its dev files, copied into a data directory of this instance's own), as instances behind one load balancer
   * share them.
   */
  public static TestGateway startBeside(TestGateway peer, Vertx vertx, TestDatabase database, JsonObject overrides) {
    Path dataDir = temporaryDirectory();
    try {
      for (String shared : List.of(DevKek.FILE_NAME, DevSigningKey.FILE_NAME)) {
        Files.copy(peer.dataDir().resolve(shared), dataDir.resolve(shared));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return start(vertx, database, overrides.copy().put("dataDir", dataDir.toString()));
  }

  public static JsonObject defaults(TestDatabase database) {
    return new JsonObject()
      .put("profile", "dev")
      .put("dataDir", temporaryDirectory().toString())
      .put("instances", 2)
      // no drain on shutdown: nothing balances load in front of a test gateway (GatewayProcessTest tests it);
      // no rate limits: tests send bursts on purpose (RateLimitTest and the fuzz test turn them on)
      .put("http", new JsonObject().put("host", "127.0.0.1").put("port", FreePort.find()).put("drainSeconds", 0)
        .put("rateLimits", new JsonObject().put("enabled", false)))
      .put("database", database.configSection());
  }

  public GatewayConfig config() {
    return config;
  }

  public int port() {
    return config.http().port();
  }

  public Path dataDir() {
    return config.dataDir();
  }

  public String token(String tenant, String scopes) {
    return minter.mint(tenant, scopes, 3600);
  }

  public HttpRequest<Buffer> request(HttpMethod method, String path) {
    return client.request(method, path);
  }

  public HttpResponse<Buffer> post(String path, String token, JsonObject body) {
    HttpRequest<Buffer> request = client.post(path);
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return request.sendJsonObject(body).await();
  }

  public HttpResponse<Buffer> get(String path) {
    return client.get(path).send().await();
  }

  public HttpResponse<Buffer> get(String path, String token) {
    return client.get(path).bearerTokenAuthentication(token).send().await();
  }

  /** A merge patch, with If-Match when {@code ifMatch} is not null. */
  public HttpResponse<Buffer> patch(String path, String token, String ifMatch, JsonObject body) {
    HttpRequest<Buffer> request = client.patch(path).bearerTokenAuthentication(token)
      .putHeader("Content-Type", "application/merge-patch+json");
    if (ifMatch != null) {
      request.putHeader("If-Match", ifMatch);
    }
    return request.sendBuffer(body.toBuffer()).await();
  }

  public HttpResponse<Buffer> delete(String path, String token, String ifMatch) {
    HttpRequest<Buffer> request = client.delete(path).bearerTokenAuthentication(token);
    if (ifMatch != null) {
      request.putHeader("If-Match", ifMatch);
    }
    return request.send().await();
  }

  /** Creates an integration and returns its JSON, failing the test unless the answer is 201. */
  public JsonObject create(String token, JsonObject body) {
    HttpResponse<Buffer> response = post(INTEGRATIONS, token, body);
    if (response.statusCode() != 201) {
      throw new AssertionError("expected 201, got " + response.statusCode() + ": " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  @Override
  public void close() {
    try {
      app.stop().await();
    } finally {
      client.close();
      if (ownVertx != null) {
        ownVertx.close().await();
        observability.close();
      }
      deleteRecursively(config.dataDir());
    }
  }

  public static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("vault-gateway-test-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
