package io.scrapengine.vaultgateway.vault;

import io.scrapengine.vaultgateway.support.vault.Targets;
import io.scrapengine.vaultgateway.domain.DomainException;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.scrapengine.vaultgateway.model.SecretValue;
import io.scrapengine.vaultgateway.support.FreePort;
import io.scrapengine.vaultgateway.support.LogCapture;
import io.scrapengine.vaultgateway.support.vault.EmulatedToken;
import io.scrapengine.vaultgateway.support.vault.LoopbackVault;
import io.scrapengine.vaultgateway.support.vault.VaultEmulator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.scrapengine.vaultgateway.vault.ConnectionTestOutcomesTest.ROLE_ID;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Neither the secret_id nor any Vault token shows up in a check result, an exception message or a log line, even
 * with the client's debug logging on and even when Vault itself echoes the secret_id in an error.
 */
@ExtendWith(VertxExtension.class)
class VaultSecretLeakTest {

  @Test
  void noSecretIdOrTokenInResultsExceptionsOrLogs(Vertx vertx) {
    String secretId = "leak-canary-" + UUID.randomUUID();
    List<String> texts = new ArrayList<>();
    List<String> tokens;
    List<String> logLines;
    Logger vaultLogger = (Logger) LoggerFactory.getLogger("io.scrapengine.vaultgateway.vault");
    Level previous = vaultLogger.getLevel();
    vaultLogger.setLevel(Level.DEBUG);
    try (LogCapture logs = LogCapture.start(); VaultEmulator vault = VaultEmulator.start(vertx)) {
      ConnectionTestOutcomesTest.fixture(vault, secretId, "team-" + secretId);
      VaultClient client = VaultClient.create(vertx, LoopbackVault.allowed());
      ConnectionTest check = ConnectionTest.create(client);
      VaultTarget target = Targets.approle(vault.url(), ROLE_ID, SecretValue.of(secretId));
      texts.add(target.toString());

      List<ConnectionTestResult> results = new ArrayList<>();
      results.add(check.run(target, "secret/data/app/db").await());
      results.add(check.run(target, "secret/data/other/x").await());
      results.add(check.run(target, "secret/app/db").await());
      results.add(check.run(Targets.from(target).secretId(SecretValue.of(secretId + "-wrong")).build(), null).await());
      results.add(check.run(Targets.from(target).tlsServerName("vault.example.com").caCertificate(vault.caPem()).build(), null).await());
      results.add(check.run(Targets.approle(vault.tlsUrl(), ROLE_ID, SecretValue.of(secretId)), null).await());
      results.add(check.run(Targets.approle("http://127.0.0.1:" + FreePort.find(), ROLE_ID,
        SecretValue.of(secretId)), null).await());
      VaultClient guarded = VaultClient.create(vertx, LoopbackVault.guarded());
      results.add(ConnectionTest.create(guarded).run(target, null).await());
      guarded.close().await();
      // a Vault (or a proxy) that repeats the secret_id and the token back in its errors
      vault.respond("/v1/auth/approle/login", request -> {
        String body = vault.requests().get(vault.requests().size() - 1).body().replace("\"", "'");
        request.response().setStatusCode(400).end("{\"errors\":[\"invalid secret_id in " + body + "\"]}");
      });
      ConnectionTestResult echoed = check.run(target, null).await();
      assertTrue(echoed.error().message().contains("secret_id':'[redacted]'"), echoed.error().message());
      results.add(echoed);
      vault.respond("/v1/auth/approle/login", request -> { });
      for (ConnectionTestResult result : results) {
        texts.add(result.toString());
        texts.add(result.toJson().encode());
      }

      List<Future<VaultResponse>> failing = List.of(
        client.health(Targets.approle("http://127.0.0.1:" + FreePort.find(), ROLE_ID, SecretValue.of(secretId))),
        client.lookupSelf(Targets.approle("http://vault.invalid", ROLE_ID, SecretValue.of(secretId)).settings(),
          SecretValue.of(secretId)));
      for (Future<VaultResponse> call : failing) {
        try {
          call.await();
          texts.add("unexpected success");
        } catch (DomainException e) {
          texts.add(e.toString());
          texts.add(e.vaultProblem().hint());
        }
      }
      client.close().await();
      tokens = vault.tokens().stream().map(EmulatedToken::id).toList();
      assertTrue(vault.tokens().size() >= 3, "logins happened");
      assertTrue(vault.tokens().stream().allMatch(EmulatedToken::revoked));
      logLines = logs.lines();
    } catch (RuntimeException e) {
      texts.add(e.toString());
      throw e;
    } finally {
      vaultLogger.setLevel(previous);
    }

    assertTrue(logLines.stream().anyMatch(line -> line.contains("DEBUG")), "debug logging was on");
    List<String> everything = new ArrayList<>(texts);
    everything.addAll(logLines);
    for (String text : everything) {
      assertFalse(text.contains(secretId), text);
      for (String token : tokens) {
        assertFalse(text.contains(token), text);
      }
      assertFalse(text.contains("has been blocked"), "an event loop was blocked: " + text);
    }
  }
}
