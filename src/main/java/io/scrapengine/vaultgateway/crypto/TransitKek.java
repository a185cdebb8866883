package io.scrapengine.vaultgateway.crypto;

import com.google.crypto.tink.Aead;
import io.scrapengine.vaultgateway.config.TransitKekConfig;
import io.scrapengine.vaultgateway.vault.VaultMessages;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The operator's Vault or OpenBao Transit key as a Tink {@link Aead}: {@code transit/encrypt/<key>} and
 * {@code transit/decrypt/<key>} with the keyset's associated data passed as Transit's {@code associated_data}, on
 * the Vert.x HTTP client. The Vault is the operator's own, configured, so the outbound guard for customers'
 * addresses does not apply to it.
 *
 * <p>Tink's keyset API is synchronous: the {@link Aead} blocks its (worker or command) thread while the HTTP
 * exchange runs on this verticle's event loop, and refuses to run on an event loop itself. It logs in lazily (a
 * configured token, or an AppRole login kept until its lease is mostly spent) and logs in again once when Vault
 * answers 403.
 */
public final class TransitKek extends VerticleBase implements KekSource {

  private final TransitKekConfig config;
  private final String staticToken;
  private final String secretId;
  private final String id;
  private HttpClient client;
  // only touched on this verticle's event loop
  private String sessionToken;
  private long sessionExpiresAtMs;

  private TransitKek(TransitKekConfig config, String staticToken, String secretId) {
    this.config = config;
    this.staticToken = staticToken;
    this.secretId = secretId;
    this.id = "vault-transit:" + stripSlash(config.address()) + "/" + config.mount() + "/keys/" + config.key()
      + (config.namespace() == null ? "" : " (namespace " + config.namespace() + ")");
  }

  /**
   * Deploys the KEK on an event loop of its own.
   *
   * @param staticToken the configured token (already read from its file), or null for AppRole
   * @param secretId    the AppRole secret_id (already read from its file), or null for a token
   */
  static Future<KekSource> deploy(Vertx vertx, TransitKekConfig config, String staticToken, String secretId) {
    TransitKek kek = new TransitKek(config, staticToken, secretId);
    return vertx.deployVerticle(kek).map(ignored -> kek);
  }

  @Override
  public Future<?> start() {
    HttpClientOptions options = new HttpClientOptions()
      .setConnectTimeout(config.requestTimeoutMs())
      .setVerifyHost(true)
      .setMaxRedirects(0);
    if (config.caCertFile() != null) {
      options.setTrustOptions(new PemTrustOptions().addCertPath(config.caCertFile()));
    }
    client = vertx.createHttpClient(options);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    return client == null ? Future.succeededFuture() : client.close();
  }

  @Override
  public Future<Void> close() {
    return deploymentID() == null ? Future.succeededFuture() : vertx.undeploy(deploymentID());
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Aead aead() {
    return new Aead() {
      @Override
      public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
        JsonObject data = blocking("encrypt", new JsonObject()
          .put("plaintext", Base64.getEncoder().encodeToString(plaintext))
          .put("associated_data", Base64.getEncoder().encodeToString(associatedData)));
        if (!(data.getValue("ciphertext") instanceof String ciphertext) || !ciphertext.startsWith("vault:")) {
          throw new KekServiceException("Vault Transit encrypt at " + config.address() + " returned no ciphertext");
        }
        return ciphertext.getBytes(StandardCharsets.UTF_8);
      }

      @Override
      public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
        JsonObject data = blocking("decrypt", new JsonObject()
          .put("ciphertext", new String(ciphertext, StandardCharsets.UTF_8))
          .put("associated_data", Base64.getEncoder().encodeToString(associatedData)));
        if (!(data.getValue("plaintext") instanceof String plaintext)) {
          throw new KekServiceException("Vault Transit decrypt at " + config.address() + " returned no plaintext");
        }
        try {
          return Base64.getDecoder().decode(plaintext);
        } catch (IllegalArgumentException e) {
          throw new KekServiceException("Vault Transit decrypt returned a plaintext that is not base64");
        }
      }
    };
  }

  /** Runs one Transit operation on this verticle's event loop and waits for it, on the calling thread. */
  private JsonObject blocking(String operation, JsonObject body) throws GeneralSecurityException {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("the Vault Transit KEK blocks; call it off the event loop");
    }
    CompletableFuture<JsonObject> result = new CompletableFuture<>();
    context.runOnContext(ignored -> transit(operation, body, true)
      .onComplete((data, failure) -> {
        if (failure == null) {
          result.complete(data);
        } else {
          result.completeExceptionally(failure);
        }
      }));
    try {
      // a login and the operation, each bounded by the request timeout
      return result.get(3L * config.requestTimeoutMs(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof GeneralSecurityException known ? known
        : new KekServiceException("Vault Transit " + operation + " failed: " + e.getCause().getClass().getSimpleName());
    } catch (TimeoutException e) {
      throw new KekServiceException("Vault Transit at " + config.address() + " did not answer in time");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KekServiceException("interrupted while waiting for Vault Transit");
    }
  }

  private Future<JsonObject> transit(String operation, JsonObject body, boolean mayLogInAgain) {
    String path = config.mount() + "/" + operation + "/" + config.key();
    return session().compose(token -> post(path, token, body)).compose(answer -> {
      if (answer.status() == 403 && config.usesAppRole() && mayLogInAgain) {
        sessionToken = null;
        return transit(operation, body, false);
      }
      if (answer.status() != 200 || !(answer.body().getValue("data") instanceof JsonObject data)) {
        return Future.failedFuture(new KekServiceException("Vault Transit " + operation + " with key '"
          + config.key() + "' at " + config.address() + " answered " + answer.status() + said(answer)));
      }
      return Future.succeededFuture(data);
    });
  }

  private Future<String> session() {
    if (staticToken != null) {
      return Future.succeededFuture(staticToken);
    }
    if (sessionToken != null && System.currentTimeMillis() < sessionExpiresAtMs) {
      return Future.succeededFuture(sessionToken);
    }
    JsonObject credentials = new JsonObject().put("role_id", config.roleId()).put("secret_id", secretId);
    return post("auth/" + config.authMount() + "/login", null, credentials).compose(answer -> {
      if (answer.status() == 200 && answer.body().getValue("auth") instanceof JsonObject auth
        && auth.getValue("client_token") instanceof String token && !token.isEmpty()) {
        long leaseSeconds = auth.getLong("lease_duration", 0L);
        sessionToken = token;
        sessionExpiresAtMs = leaseSeconds <= 0 ? Long.MAX_VALUE
          : System.currentTimeMillis() + leaseSeconds * 800; // 80% of the lease, so it never lapses mid-call
        return Future.succeededFuture(token);
      }
      return Future.failedFuture(new KekServiceException("the AppRole login at " + config.address() + "/v1/auth/"
        + config.authMount() + "/login for the Transit KEK answered " + answer.status() + said(answer)));
    });
  }

  private record Answer(int status, JsonObject body) {
  }

  private Future<Answer> post(String apiPath, String token, JsonObject body) {
    RequestOptions request = new RequestOptions()
      .setMethod(HttpMethod.POST)
      .setAbsoluteURI(stripSlash(config.address()) + "/v1/" + apiPath)
      .setFollowRedirects(false)
      .setIdleTimeout(config.requestTimeoutMs())
      .putHeader("Content-Type", "application/json")
      .putHeader("X-Vault-Request", "true");
    if (config.namespace() != null) {
      request.putHeader("X-Vault-Namespace", config.namespace());
    }
    if (token != null) {
      request.putHeader("X-Vault-Token", token);
    }
    return client.request(request)
      .compose(outgoing -> outgoing.send(body.toBuffer()))
      .compose(response -> response.body().map(raw -> new Answer(response.statusCode(), json(raw))))
      .recover(failure -> Future.failedFuture(failure instanceof GeneralSecurityException ? failure
        : new KekServiceException("Vault Transit at " + config.address() + " could not be reached ("
          + failure.getClass().getSimpleName() + ")")));
  }

  private static JsonObject json(Buffer raw) {
    try {
      return raw.length() == 0 ? new JsonObject() : raw.toJsonObject();
    } catch (DecodeException | ClassCastException e) {
      return new JsonObject();
    }
  }

  /** Vault's errors, redacted of the credentials we sent. */
  private String said(Answer answer) {
    List<String> errors = new ArrayList<>();
    if (answer.body().getValue("errors") instanceof JsonArray array) {
      array.forEach(item -> errors.add(String.valueOf(item)));
    }
    List<String> secrets = new ArrayList<>();
    for (String secret : new String[] {staticToken, secretId, sessionToken}) {
      if (secret != null) {
        secrets.add(secret);
      }
    }
    String said = VaultMessages.summarize(errors, secrets);
    return said.isEmpty() ? "" : ": " + said;
  }

  private static String stripSlash(String address) {
    return address.endsWith("/") ? address.substring(0, address.length() - 1) : address;
  }

  @Override
  public String toString() {
    return "TransitKek[" + id + "]";
  }
}
