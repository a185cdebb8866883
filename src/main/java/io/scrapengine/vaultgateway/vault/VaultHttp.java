package io.scrapengine.vaultgateway.vault;

import io.scrapengine.vaultgateway.domain.DomainException;
import io.scrapengine.vaultgateway.domain.VaultErrorCode;
import io.scrapengine.vaultgateway.domain.VaultProblem;
import io.scrapengine.vaultgateway.model.VaultSettings;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SocketAddress;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One HTTP exchange with a customer's Vault, at an address the guard already vetted: no DNS, no redirects, a
 * deadline over the whole exchange, and a cap on the body. The URL host stays in the Host header; the TLS name
 * (the URL host, or the integration's tlsServerName) is what the certificate is verified against and what SNI
 * carries. A single HTTP client serves every integration: TLS settings travel per request, Vert.x keeps the
 * resulting SSL contexts in a bounded LRU cache and a connection pool per (address, name, TLS settings) that
 * idles out after a few seconds, so nothing grows with the number of customers.
 */
final class VaultHttp {

  private static final int KEEP_ALIVE_SECONDS = 5;
  private static final String USER_AGENT = "ScrapEngine-Vault-Gateway";

  private final Vertx vertx;
  private final HttpClient client;
  private final VaultClientOptions options;

  private VaultHttp(Vertx vertx, HttpClient client, VaultClientOptions options) {
    this.vertx = vertx;
    this.client = client;
    this.options = options;
  }

  static VaultHttp create(Vertx vertx, VaultClientOptions options) {
    HttpClientOptions http = new HttpClientOptions()
      .setConnectTimeout(options.connectTimeoutMs())
      .setKeepAlive(true)
      .setKeepAliveTimeout(KEEP_ALIVE_SECONDS)
      .setVerifyHost(true)
      .setTrustAll(false)
      // a compressed body would slip past the size cap once inflated; Vault only compresses when asked
      .setDecompressionSupported(false)
      .setMaxRedirects(0);
    // Callers are already bounded (per integration, by the in-flight cap; connection tests, by the rate limits),
    // so the pool's queue only absorbs several integrations sharing one Vault address; a full queue would fail
    // calls as if the Vault were down and trip the circuit.
    PoolOptions pool = new PoolOptions().setHttp1MaxSize(options.connectionsPerVault()).setMaxWaitQueueSize(-1);
    return new VaultHttp(vertx, vertx.httpClientBuilder().with(http).with(pool).build(), options);
  }

  /** One call; a failed future carries a {@link DomainException}, never a raw exception. */
  Future<VaultResponse> send(VaultEndpoint endpoint, InetAddress address, VaultSettings target, HttpMethod method,
                             String uri, MultiMap headers, Buffer body) {
    String tlsName = tlsName(endpoint, target);
    RequestOptions request = new RequestOptions()
      .setMethod(method)
      .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(address, endpoint.port())))
      .setHost(tlsName)
      .setPort(endpoint.port())
      .setSsl(endpoint.https())
      .setURI(uri)
      .setFollowRedirects(false)
      .setConnectTimeout(options.connectTimeoutMs())
      .setIdleTimeout(options.requestTimeoutMs())
      .setHeaders(headers)
      .putHeader(HttpHeaders.USER_AGENT, USER_AGENT)
      .putHeader(HttpHeaders.ACCEPT, "application/json");
    if (endpoint.https()) {
      request.setSslOptions(sslOptions(target));
    }
    HostAndPort hostHeader = HostAndPort.create(endpoint.isIpv6Literal() ? "[" + endpoint.host() + "]"
      : endpoint.host(), endpoint.port());

    Promise<VaultResponse> promise = Promise.promise();
    AtomicReference<HttpClientRequest> inFlight = new AtomicReference<>();
    // The response's handlers must be set in the same event-loop turn that delivers it, or its first chunks are
    // lost; that holds only when the whole exchange runs on one context, so hop onto one if called from outside.
    Context context = vertx.getOrCreateContext();
    if (Vertx.currentContext() == context) {
      exchange(request, body, hostHeader, endpoint, tlsName, promise, inFlight);
    } else {
      context.runOnContext(ignored -> exchange(request, body, hostHeader, endpoint, tlsName, promise, inFlight));
    }
    return promise.future();
  }

  private void exchange(RequestOptions request, Buffer body, HostAndPort hostHeader, VaultEndpoint endpoint,
                        String tlsName, Promise<VaultResponse> promise, AtomicReference<HttpClientRequest> inFlight) {
    long timer = vertx.setTimer(options.requestTimeoutMs(), id -> {
      if (promise.tryFail(DomainException.vaultFailed(new VaultProblem(VaultErrorCode.VAULT_UNREACHABLE,
        "Vault at " + endpoint.display() + " did not answer within " + options.requestTimeoutMs() + " ms.",
        "Check that the Vault is up and that its firewall lets the gateway in.", true)))) {
        reset(inFlight.get());
      }
    });
    promise.future()
      .onComplete(done -> vertx.cancelTimer(timer))
      .onFailure(failure -> reset(inFlight.get()));
    Future<HttpClientRequest> opened;
    try {
      opened = client.request(request);
    } catch (RuntimeException e) {
      // a closed client or invalid options throw instead of failing the future
      promise.tryFail(translate(e, endpoint, tlsName));
      return;
    }
    opened
      .compose(outgoing -> {
        inFlight.set(outgoing);
        outgoing.authority(hostHeader);
        return body == null ? outgoing.send() : outgoing.send(body);
      })
      .onSuccess(response -> read(response, endpoint, promise))
      .onFailure(failure -> promise.tryFail(translate(failure, endpoint, tlsName)));
  }

  Future<Void> close() {
    return client.close();
  }

  private void read(HttpClientResponse response, VaultEndpoint endpoint, Promise<VaultResponse> promise) {
    // first, so the reset that follows a refusal below ends quietly in the already failed promise
    response.exceptionHandler(failure -> promise.tryFail(translate(failure, endpoint, endpoint.host())));
    int status = response.statusCode();
    if (status >= 300 && status < 400) {
      promise.tryFail(DomainException.vaultFailed(VaultErrorCode.VAULT_ERROR,
        "Vault at " + endpoint.display() + " answered with a redirect (" + status + "); redirects are not followed.",
        "Use the final Vault address (scheme, host, port and path prefix) instead of one that redirects."));
      return;
    }
    String declared = response.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (declared != null && isOver(declared)) {
      promise.tryFail(tooLarge(endpoint));
      return;
    }
    Buffer collected = Buffer.buffer();
    response.handler(chunk -> {
      if (collected.length() + chunk.length() > options.maxResponseBytes()) {
        promise.tryFail(tooLarge(endpoint));
      } else {
        collected.appendBuffer(chunk);
      }
    });
    response.endHandler(done -> promise.tryComplete(VaultResponse.of(status, collected)));
  }

  private boolean isOver(String declared) {
    try {
      return Long.parseLong(declared.trim()) > options.maxResponseBytes();
    } catch (NumberFormatException e) {
      return true;
    }
  }

  private DomainException tooLarge(VaultEndpoint endpoint) {
    return DomainException.vaultFailed(VaultErrorCode.VAULT_ERROR,
      "Vault at " + endpoint.display() + " sent a response over " + options.maxResponseBytes() + " bytes.",
      "Check that the address points at the Vault API and not at another service.");
  }

  private static void reset(HttpClientRequest request) {
    if (request != null) {
      // on HTTP/1.1 a reset closes the connection, so an unread or oversized body is dropped with it
      request.reset();
    }
  }

  private static String tlsName(VaultEndpoint endpoint, VaultSettings target) {
    if (target.tlsServerName() != null) {
      return target.tlsServerName();
    }
    String host = endpoint.host();
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }

  private static ClientSSLOptions sslOptions(VaultSettings target) {
    ClientSSLOptions ssl = new ClientSSLOptions().setHostnameVerificationAlgorithm("HTTPS");
    if (target.caCertificate() != null) {
      // exactly the customer's bundle, not the JVM's CAs as well
      ssl.setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(target.caCertificate())));
    }
    return ssl;
  }

  /** Names what went wrong from the exception chain, in words of our own (exception texts stay out). */
  static DomainException translate(Throwable failure, VaultEndpoint endpoint, String tlsName) {
    if (failure instanceof DomainException known) {
      return known;
    }
    String where = "Vault at " + endpoint.display();
    boolean tls = false;
    boolean untrusted = false;
    boolean mismatch = false;
    boolean notTls = false;
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      String message = cause.getMessage() == null ? "" : cause.getMessage().toLowerCase(Locale.ROOT);
      String type = cause.getClass().getName();
      if (cause instanceof SSLException || type.endsWith("NotSslRecordException")) {
        tls = true;
      }
      if (cause instanceof CertPathBuilderException || cause instanceof CertPathValidatorException
        || message.contains("pkix") || message.contains("unable to find valid certification path")) {
        untrusted = true;
      }
      if (cause instanceof CertificateException
        && (message.contains("no subject alternative") || message.contains("no name matching"))) {
        mismatch = true;
      }
      if (type.endsWith("NotSslRecordException") || message.contains("unrecognized ssl message")
        || message.contains("not an ssl/tls record")) {
        notTls = true;
      }
    }
    if (mismatch) {
      return DomainException.vaultFailed(VaultErrorCode.VAULT_TLS_ERROR,
        where + " presented a certificate that is not valid for the name '" + tlsName + "'.",
        "Use the host name the certificate was issued for, or set tlsServerName to a name it lists.");
    }
    if (untrusted) {
      return DomainException.vaultFailed(VaultErrorCode.VAULT_TLS_ERROR,
        where + " presented a certificate that is not trusted.",
        "Provide the CA that issued the Vault's certificate as caCertificate (PEM).");
    }
    if (notTls) {
      return DomainException.vaultFailed(VaultErrorCode.VAULT_TLS_ERROR, where + " did not answer with TLS.",
        "Use http:// if this Vault listens without TLS, or check the port.");
    }
    if (tls) {
      return DomainException.vaultFailed(VaultErrorCode.VAULT_TLS_ERROR, "The TLS handshake with " + where
        + " failed.", "Check the Vault's TLS listener, its certificate and the caCertificate given.");
    }
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      String type = cause.getClass().getName();
      if (type.endsWith("ConnectTimeoutException") || cause instanceof TimeoutException
        || type.endsWith("TimeoutException")) {
        return DomainException.vaultFailed(new VaultProblem(VaultErrorCode.VAULT_UNREACHABLE, where
          + " did not accept or answer the connection in time.",
          "Check that the Vault is up and that its firewall lets the gateway in.", true));
      }
      if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
        return DomainException.vaultFailed(VaultErrorCode.VAULT_UNREACHABLE, where + " refused the connection.",
          "Check the host and port of the Vault address and that Vault is listening there.");
      }
    }
    String text = failure.getMessage() == null ? "" : failure.getMessage().toLowerCase(Locale.ROOT);
    if (text.contains("closed")) {
      return DomainException.vaultFailed(VaultErrorCode.VAULT_ERROR,
        where + " closed the connection before answering completely.",
        "Check that the address points at the Vault API and that no proxy cuts the connection.");
    }
    return DomainException.vaultFailed(VaultErrorCode.VAULT_ERROR,
      "The call to " + where + " failed (" + failure.getClass().getSimpleName() + ").",
      "Check the Vault address and try again.");
  }
}
