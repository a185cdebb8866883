package io.scrapengine.vaultgateway.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real gateway process ({@code java ... io.scrapengine.vaultgateway.Main}, configured by environment variables
 * like a deployment), for what only a process can show: a signal's effect, a crash. Its output goes to a file the
 * failure messages point at.
 */
public final class GatewayProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path log;

  private GatewayProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts a gateway on {@code port} against {@code database}, keeping its keys in {@code dataDir}. */
  public static GatewayProcess start(TestDatabase database, Path dataDir, int port, Map<String, String> env)
    throws IOException {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
      "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classpath, "io.scrapengine.vaultgateway.Main"));
    Path log = Files.createTempFile("vault-gateway-process-", ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> environment = builder.environment();
    environment.remove("DATABASE_URL");
    environment.put("APP_PROFILE", "dev");
    environment.put("DATA_DIR", dataDir.toString());
    environment.put("HTTP_HOST", "127.0.0.1");
    environment.put("HTTP_PORT", String.valueOf(port));
    environment.put("VERTICLE_INSTANCES", "1");
    environment.put("PGHOST", TestDatabase.host());
    environment.put("PGPORT", String.valueOf(TestDatabase.port()));
    environment.put("PGDATABASE", database.name());
    environment.putAll(env);
    GatewayProcess started = new GatewayProcess(builder.start(), port, log);
    started.awaitReady(Duration.ofSeconds(90));
    return started;
  }

  private void awaitReady(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the gateway process exited during start-up; see " + log);
      }
      try {
        if (ready() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      sleep(200);
    }
    throw new IllegalStateException("the gateway process was not ready in " + timeout + "; see " + log);
  }

  /** The status of {@code GET /health/ready} on a new connection. */
  public int ready() throws IOException {
    return RawHttp.send(port, "GET /health/ready HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").status();
  }

  public boolean accepting() {
    try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  public int port() {
    return port;
  }

  public Path log() {
    return log;
  }

  /** SIGTERM, as an orchestrator stops a container. */
  public void terminate() {
    process.destroy();
  }

  /** SIGKILL: the process dies at once, whatever it was doing. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for the process to exit; its exit code, or -1 if it is still running after {@code timeout}. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
