package io.scrapengine.vaultgateway.cli;

import io.scrapengine.vaultgateway.auth.DevSigningKey;
import io.scrapengine.vaultgateway.support.TestGateway;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line is strict: help everywhere, unknown input refused with a usage line, scopes checked. */
class GatewayCliTest {

  private record Run(int exit, String out, String err) {
  }

  private static Run run(String... args) {
    CommandLine cli = GatewayCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void everyCommandHasHelpAndHelpNeverStartsAnything() {
    for (List<String> command : List.<List<String>>of(List.of(), List.of("serve"), List.of("token"), List.of("keyset"),
      List.of("migrate"), List.of("signing-key"))) {
      for (String flag : List.of("--help", "-h")) {
        List<String> args = new java.util.ArrayList<>(command);
        args.add(flag);
        Run help = run(args.toArray(String[]::new));
        assertEquals(0, help.exit(), args + ": " + help.err());
        assertTrue(help.out().startsWith("Usage: vault-gateway"), args + ": " + help.out());
      }
    }
    assertFalse(ServeCommand.started(), "serve --help did not start the service");
    assertTrue(run("help", "token").out().contains("--tenant"));
    assertTrue(run("--help").out().contains("keyset"), "the command list");
  }

  @Test
  void unknownCommandsOptionsAndValuesAreRefusedWithAUsageLine() {
    Run unknownCommand = run("servee");
    assertEquals(2, unknownCommand.exit());
    assertTrue(unknownCommand.err().contains("Unmatched argument") || unknownCommand.err().contains("Unknown"),
      unknownCommand.err());
    assertTrue(unknownCommand.err().contains("serve"), "a suggestion: " + unknownCommand.err());

    Run unknownOption = run("serve", "--port", "9000");
    assertEquals(2, unknownOption.exit());
    assertTrue(unknownOption.err().contains("Unknown option") && unknownOption.err().contains("'--port'"),
      unknownOption.err());
    assertTrue(unknownOption.err().contains("usage: vault-gateway serve"), unknownOption.err());

    Run badValue = run("token", "--tenant", "acme", "--scope", "vault-integrations:read", "--ttl", "soon");
    assertEquals(2, badValue.exit());
    assertTrue(badValue.err().contains("--ttl"), badValue.err());
    assertTrue(badValue.err().contains("usage: vault-gateway token"), badValue.err());

    Run missing = run("token", "--scope", "vault-integrations:read");
    assertEquals(2, missing.exit());
    assertTrue(missing.err().contains("--tenant"), missing.err());
    assertEquals("", missing.out());

    assertEquals(2, run("keyset", "extra").exit());
  }

  @Test
  void scopesAreCheckedAgainstTheContract() {
    Path empty = TestGateway.temporaryDirectory();
    try {
      Run misspelt = run("token", "--data-dir", empty.toString(), "--tenant", "acme", "--scope",
        "vault-integrations:write vault-integration:read");
      assertEquals(2, misspelt.exit());
      assertTrue(misspelt.err().contains("Unknown scope 'vault-integration:read'"), misspelt.err());
      assertTrue(misspelt.err().contains("credentials:resolve"), "lists the known scopes: " + misspelt.err());
      assertEquals("", misspelt.out());
    } finally {
      TestGateway.deleteRecursively(empty);
    }
  }

  @Test
  void tokenRefusesToMintWithoutTheServicesSigningKeyAndNamesTheDirectory() throws Exception {
    Path empty = TestGateway.temporaryDirectory();
    try {
      Run refused = run("token", "--data-dir", empty.toString(), "--tenant", "acme", "--scope",
        "vault-integrations:read");

      assertEquals(1, refused.exit());
      assertEquals("", refused.out(), "no token");
      assertTrue(refused.err().contains(empty.toAbsolutePath().toString()), refused.err());
      assertFalse(Files.exists(empty.resolve(DevSigningKey.FILE_NAME)), "and no new key made behind its back");

      DevSigningKey.loadOrCreate(empty);
      Run minted = run("token", "--data-dir", empty.toString(), "--tenant", "acme", "--scope",
        "vault-integrations:read", "--scope", "credentials:read");
      assertEquals(0, minted.exit(), minted.err());
      assertEquals(3, minted.out().trim().split("\\.").length, minted.out());
    } finally {
      TestGateway.deleteRecursively(empty);
    }
  }

  @Test
  void aLocalClusterCanMakeItsOwnSigningKeyAndMintWithIt() throws Exception {
    Path dir = TestGateway.temporaryDirectory();
    try {
      assertEquals(0, run("signing-key", "--dir", dir.toString()).exit());
      String publicPem = Files.readString(dir.resolve(SigningKeyCommand.PUBLIC_FILE));
      assertEquals(0, run("signing-key", "--dir", dir.toString()).exit(), "kept, not replaced");
      assertEquals(publicPem, Files.readString(dir.resolve(SigningKeyCommand.PUBLIC_FILE)));

      Run minted = run("token", "--signing-key", dir.resolve(SigningKeyCommand.PRIVATE_FILE).toString(),
        "--tenant", "acme", "--scope", "vault-integrations:read");
      assertEquals(0, minted.exit(), minted.err());
      String token = minted.out().trim();
      io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
      try {
        var verifier = io.vertx.ext.auth.jwt.JWTAuth.create(vertx, new io.vertx.ext.auth.jwt.JWTAuthOptions()
          .addPubSecKey(new io.vertx.ext.auth.PubSecKeyOptions().setAlgorithm("RS256").setBuffer(publicPem)));
        assertEquals("acme", verifier.authenticate(new io.vertx.ext.auth.authentication.TokenCredentials(token))
          .await().principal().getString("tid"), "verifies with the public half");
      } finally {
        vertx.close().await();
      }
    } finally {
      TestGateway.deleteRecursively(dir);
    }
  }
}
