package io.scrapengine.vaultgateway.process;

import io.scrapengine.vaultgateway.auth.DevTokenMinter;
import io.scrapengine.vaultgateway.config.ConfigLoader;
import io.scrapengine.vaultgateway.config.GatewayConfig;
import io.scrapengine.vaultgateway.support.FreePort;
import io.scrapengine.vaultgateway.support.GatewayProcess;
import io.scrapengine.vaultgateway.support.Integrations;
import io.scrapengine.vaultgateway.support.RawHttp;
import io.scrapengine.vaultgateway.support.TestDatabase;
import io.scrapengine.vaultgateway.support.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway as a process, as operators run it: a SIGTERM drains without failing a request (readiness down at
 * once, serving on with Connection: close, then exiting), and a kill -9 right after a 201 loses nothing: the
 * replay of the same Idempotency-Key on a new process answers the original 201.
 *
 * <p>Runs alone ({@link Isolated}): starting JVMs keeps both cores busy, which would slow other classes' timed
 * steps.
 */
@Isolated
class GatewayProcessTest {

  private static final String DRAIN_SECONDS = "6";

  private static TestDatabase database;
  private static Path dataDir;
  private static Vertx vertx;
  private static String token;

  @BeforeAll
  static void prepare() throws Exception {
    database = TestDatabase.create();
    dataDir = TestGateway.temporaryDirectory();
    vertx = Vertx.vertx();
    GatewayConfig config = ConfigLoader.load(vertx, new JsonObject().put("profile", "dev")
      .put("dataDir", dataDir.toString()), false).await();
    token = DevTokenMinter.create(vertx, config).mint("tenant-process", TestGateway.WRITE, 3600);
  }

  @AfterAll
  static void cleanUp() {
    vertx.close().await();
    database.close();
    TestGateway.deleteRecursively(dataDir);
  }

  private static String create(String key, String name) {
    String body = Integrations.named(name).encode();
    return "POST /api/v1/vault-integrations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token + "\r\n"
      + "Content-Type: application/json\r\nIdempotency-Key: " + key + "\r\nContent-Length: "
      + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
  }

  @Test
  void aReplayAfterKillMinus9AnswersTheOriginal201() throws Exception {
    String key = UUID.randomUUID().toString();
    RawHttp.Answer first;
    int port = FreePort.find();
    try (GatewayProcess gateway = GatewayProcess.start(database, dataDir, port, Map.of())) {
      first = RawHttp.send(port, create(key, "crash-replay"));
      assertEquals(201, first.status(), first.toString());
      gateway.kill();
      assertFalse(gateway.isAlive());
    }
    int again = FreePort.find();
    try (GatewayProcess restarted = GatewayProcess.start(database, dataDir, again, Map.of())) {
      RawHttp.Answer replay = RawHttp.send(again, create(key, "crash-replay"));
      assertEquals(201, replay.status(), replay + " (log " + restarted.log() + ")");
      assertEquals("true", replay.header("Idempotent-Replayed"));
      assertEquals(first.json(), replay.json());
      assertEquals(first.header("Location"), replay.header("Location"));
      assertEquals(1, database.queryInt("SELECT count(*) FROM vault_integrations WHERE name = 'crash-replay'"));
    }
  }

  @Test
  void aSigtermDrainsWithoutFailingARequest() throws Exception {
    int port = FreePort.find();
    try (GatewayProcess gateway = GatewayProcess.start(database, dataDir, port,
      Map.of("HTTP_DRAIN_SECONDS", DRAIN_SECONDS, "HTTP_SHUTDOWN_GRACE_SECONDS", "5"));
         Socket keptAlive = new Socket(InetAddress.getLoopbackAddress(), port)) {
      keptAlive.setSoTimeout(10_000);
      OutputStream out = keptAlive.getOutputStream();
      InputStream in = keptAlive.getInputStream();
      out.write(list().getBytes(StandardCharsets.ISO_8859_1));
      assertEquals(200, RawHttp.read(in).status());

      gateway.terminate();

      // the signal reaches the JVM's shutdown hook a moment later; readiness fails as soon as it does
      int ready = 200;
      for (long deadline = System.nanoTime() + 3_000_000_000L; ready == 200 && System.nanoTime() < deadline; ) {
        ready = gateway.ready();
      }
      assertEquals(503, ready, "readiness fails once the signal is handled (log " + gateway.log() + ")");
      // the kept-alive connection is still served, and told to close
      out.write(list().getBytes(StandardCharsets.ISO_8859_1));
      RawHttp.Answer onOldConnection = RawHttp.read(in);
      assertEquals(200, onOldConnection.status(), onOldConnection.toString());
      assertEquals("close", onOldConnection.header("Connection"));
      assertEquals(-1, in.read(), "the server closes the connection after that answer");
      // new connections are still accepted and served during the drain
      RawHttp.Answer created = RawHttp.send(port, create(UUID.randomUUID().toString(), "during-drain"));
      assertEquals(201, created.status(), created.toString());
      assertEquals("close", created.header("Connection"));

      int exit = gateway.awaitExit(Duration.ofSeconds(60));
      assertTrue(exit >= 0, "the process exits after the drain and the grace (log " + gateway.log() + ")");
      assertFalse(gateway.accepting(), "nothing listens any more");
    }
  }

  private static String list() {
    return "GET /api/v1/vault-integrations?limit=1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token + "\r\n\r\n";
  }
}
