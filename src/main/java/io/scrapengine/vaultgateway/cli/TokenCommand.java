package io.scrapengine.vaultgateway.cli;

import io.scrapengine.vaultgateway.auth.DevSigningKey;
import io.scrapengine.vaultgateway.auth.DevTokenMinter;
import io.scrapengine.vaultgateway.config.ConfigLoader;
import io.scrapengine.vaultgateway.config.GatewayConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "token", mixinStandardHelpOptions = true, sortOptions = false,
  description = {"Prints a dev API key (a JWT) signed with the dev key the service generated in its data directory.",
    "Only in the dev profile, and only once the service has started with that data directory.",
    "Example: TOKEN=$(java -jar vault-gateway.jar token --tenant acme --scope vault-integrations:write)"})
final class TokenCommand implements Callable<Integer> {

  private static final long MAX_TTL_SECONDS = 31L * 24 * 3600;

  @Spec
  private CommandSpec spec;

  @Option(names = "--tenant", required = true, paramLabel = "<tenant-id>", description = "The tenant (tid claim).")
  private String tenant;

  @Option(names = "--scope", required = true, paramLabel = "<scopes>",
    description = {"Scopes, space-separated or repeated: one of the contract's (see --help of the API docs),",
      "e.g. \"vault-integrations:write credentials:read\"."})
  private List<String> scopes = new ArrayList<>();

  @Option(names = "--ttl", paramLabel = "<seconds>", defaultValue = "43200",
    description = "Lifetime in seconds, 1 to 2678400 (default: ${DEFAULT-VALUE}).")
  private long ttlSeconds;

  @Option(names = "--data-dir", paramLabel = "<dir>",
    description = "The service's data directory (default: DATA_DIR, else the configured dataDir, .data).")
  private Path dataDir;

  @Option(names = "--signing-key", paramLabel = "<pem-file>",
    description = {"Sign with this private key (made by the signing-key command) instead of the dev key, in any",
      "profile; issuer and audience are JWT_ISSUER and JWT_AUDIENCE. For local clusters."})
  private Path signingKey;

  @Override
  public Integer call() {
    // logs go to stderr so that stdout carries the token alone, ready for $(...)
    System.setProperty("LOG_TARGET", "System.err");
    if (tenant.isBlank() || tenant.length() > 255) {
      throw new ParameterException(spec.commandLine(), "--tenant must be 1 to 255 characters");
    }
    if (ttlSeconds < 1 || ttlSeconds > MAX_TTL_SECONDS) {
      throw new ParameterException(spec.commandLine(), "--ttl must be between 1 and " + MAX_TTL_SECONDS + " seconds");
    }
    Vertx vertx = Vertx.vertx();
    try {
      String scope = String.join(" ", checkedScopes(ContractScopes.declared(vertx)));
      JsonObject overrides = dataDir == null ? new JsonObject() : new JsonObject().put("dataDir", dataDir.toString());
      GatewayConfig config = ConfigLoader.load(vertx, overrides, true).await();
      if (signingKey != null) {
        String pem = java.nio.file.Files.readString(signingKey);
        spec.commandLine().getOut().println(DevTokenMinter.withSigningKey(vertx, config, pem)
          .mint(tenant, scope, ttlSeconds));
        spec.commandLine().getOut().flush();
        return 0;
      }
      Path keyFile = config.dataDir().resolve(DevSigningKey.FILE_NAME).toAbsolutePath();
      if (!java.nio.file.Files.exists(keyFile)) {
        spec.commandLine().getErr().println("no dev signing key in " + keyFile.getParent() + ": start the service once with this"
          + " data directory (it generates the key), or point --data-dir or DATA_DIR at the one it uses");
        return 1;
      }
      spec.commandLine().getOut().println(DevTokenMinter.create(vertx, config).mint(tenant, scope, ttlSeconds));
      spec.commandLine().getOut().flush();
      return 0;
    } catch (ParameterException e) {
      throw e;
    } catch (Exception e) {
      spec.commandLine().getErr().println("cannot mint a dev token: " + e.getMessage());
      return 1;
    } finally {
      vertx.close();
    }
  }

  private Set<String> checkedScopes(Set<String> declared) {
    Set<String> checked = new LinkedHashSet<>();
    for (String value : scopes) {
      for (String scope : value.trim().split("\\s+")) {
        if (scope.isEmpty()) {
          continue;
        }
        if (!declared.contains(scope)) {
          throw new ParameterException(spec.commandLine(), "Unknown scope '" + scope + "'; the contract's scopes are: "
            + String.join(", ", declared));
        }
        checked.add(scope);
      }
    }
    if (checked.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--scope names no scope");
    }
    return checked;
  }
}
