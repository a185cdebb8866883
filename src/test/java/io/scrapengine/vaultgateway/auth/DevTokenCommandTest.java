package io.scrapengine.vaultgateway.auth;

import io.scrapengine.vaultgateway.Main;
import io.scrapengine.vaultgateway.support.GatewayExtension;
import io.scrapengine.vaultgateway.support.Integrations;
import io.scrapengine.vaultgateway.support.TestGateway;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code java -jar vault-gateway.jar token ...}, run as a real process, as the README tells newcomers to. */
class DevTokenCommandTest {

  @RegisterExtension
  static final GatewayExtension ENV = GatewayExtension.create();

  private record Result(int exit, String stdout, String stderr) {
  }

  private static Result run(Path dataDir, String... arguments) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of(
      Path.of(System.getProperty("java.home"), "bin", "java").toString(),
      "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("DATA_DIR", dataDir.toString());
    builder.environment().remove("APP_PROFILE");
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process process = builder.start();
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the command finished");
    return new Result(process.exitValue(),
      new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
      new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void printsOnlyATokenTheServiceAccepts() throws Exception {
    Result result = run(ENV.gateway().dataDir(), "token", "--tenant", "cli-tenant", "--scope",
      "vault-integrations:write credentials:read");

    assertEquals(0, result.exit(), result.stderr());
    String[] lines = result.stdout().split("\n");
    assertEquals(1, lines.length, "the token alone on stdout: " + result.stdout());
    String token = lines[0];
    assertEquals(3, token.split("\\.").length);
    JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]),
      StandardCharsets.UTF_8));
    assertEquals("cli-tenant", claims.getString("tid"));
    assertEquals("vault-integrations:write credentials:read", claims.getString("scope"));
    assertTrue(claims.getLong("exp") > System.currentTimeMillis() / 1000);
    assertEquals(201, ENV.gateway().post(TestGateway.INTEGRATIONS, token, Integrations.named("from-cli"))
      .statusCode());
  }

  @Test
  void refusesWithoutTenantOrScope() throws Exception {
    Result result = run(ENV.gateway().dataDir(), "token", "--scope", "vault-integrations:write");

    assertNotEquals(0, result.exit());
    assertEquals("", result.stdout());
    assertTrue(result.stderr().toLowerCase(java.util.Locale.ROOT).contains("usage"), result.stderr());
  }

  @Test
  void printsAFreshProductionKeyset() throws Exception {
    Result result = run(ENV.gateway().dataDir(), "keyset");

    assertEquals(0, result.exit(), result.stderr());
    JsonObject keyset = new JsonObject(result.stdout());
    assertEquals(1, keyset.getJsonArray("key").size());
    assertNotEquals(0x0DE50DE5, keyset.getLong("primaryKeyId"), "not marked as dev material");
  }
}
