package io.scrapengine.vaultgateway.support.vault;

import io.vertx.core.Vertx;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Vault emulator as a process, for {@code bash bench/run.sh resolve}: a {@link VaultEmulator} on
 * {@code 127.0.0.1:<port>} (plain HTTP; no [::1]; requests counted, not recorded) holding the benchmark's fixture,
 * until SIGTERM. The fixture: AppRole at {@code approle} with two roles, {@value #GATEWAY_ROLE_ID} for the gateway's
 * integration and {@value #DIRECT_ROLE_ID} for the benchmark's own direct login, so that the logins of each are
 * counted apart; both with policy {@code bench} (read {@code secret/data/bench/*}); and a KV v2 secret at
 * {@value #SECRET_PATH} with a username and a password.
 *
 * <pre>
 * EMULATOR_GATEWAY_SECRET_ID=... EMULATOR_DIRECT_SECRET_ID=... \
 *   java -cp target/test-classes:target/classes:&lt;test classpath&gt; \
 *   io.scrapengine.vaultgateway.support.vault.EmulatorMain [--port 18280]
 * </pre>
 *
 * <p>The secret_ids come from the environment so that they appear in no process list or log; the port from
 * {@code --port}, else {@code EMULATOR_PORT}, else any free one. Once listening it prints one line,
 * {@code EMULATOR_READY url=... approle_mount=... gateway_role_id=... direct_role_id=... secret_path=...}; on
 * SIGTERM, before closing, {@code EMULATOR_COUNTS requests=<n> gateway_logins=<n> direct_logins=<n>} (login requests
 * that named each role, whatever their outcome).
 */
public final class EmulatorMain {

  public static final String APPROLE_MOUNT = "approle";
  public static final String GATEWAY_ROLE_ID = "bench-gateway-role";
  public static final String DIRECT_ROLE_ID = "bench-direct-role";
  /** The secret's logical path (KV v2 mount {@code secret/}); its API path is {@code secret/data/bench/login}. */
  public static final String SECRET_PATH = "secret/bench/login";
  private static final String POLICY = "bench";

  /** What the emulator is started with: the port (0: any) and each role's secret_id. */
  public record Settings(int port, String gatewaySecretId, String directSecretId) {

    @Override
    public String toString() {
      return "Settings[port=" + port + "]";
    }
  }

  private EmulatorMain() {
  }

  public static void main(String[] args) {
    Settings settings;
    try {
      settings = settings(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("EmulatorMain: " + e.getMessage());
      System.err.println("usage: EMULATOR_GATEWAY_SECRET_ID=... EMULATOR_DIRECT_SECRET_ID=... "
        + "java ... EmulatorMain [--port N]");
      System.exit(2);
      return;
    }
    Vertx vertx = Vertx.vertx();
    VaultEmulator emulator;
    try {
      emulator = start(vertx, settings);
    } catch (RuntimeException e) {
      System.err.println("EmulatorMain: could not start: " + e);
      vertx.close();
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.printf("EMULATOR_COUNTS requests=%d gateway_logins=%d direct_logins=%d%n", emulator.served(),
        emulator.logins(GATEWAY_ROLE_ID), emulator.logins(DIRECT_ROLE_ID));
      System.out.flush();
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("EmulatorMain: closing: " + e);
      }
    }, "emulator-shutdown"));
    System.out.printf("EMULATOR_READY url=%s approle_mount=%s gateway_role_id=%s direct_role_id=%s secret_path=%s%n",
      emulator.url(), APPROLE_MOUNT, GATEWAY_ROLE_ID, DIRECT_ROLE_ID, SECRET_PATH);
    System.out.flush();
    // Vert.x's event-loop threads keep the process alive until SIGTERM runs the hook above
  }

  /** Starts the emulator with the benchmark's fixture; call from a thread that may block, not an event loop. */
  public static VaultEmulator start(Vertx vertx, Settings settings) {
    VaultEmulator emulator = VaultEmulator.start(vertx, VaultEmulator.Options.defaults().withoutIpv6()
      .withoutRecording().withHttpPort(settings.port()));
    emulator
      .approle(APPROLE_MOUNT, role -> role.name("bench-gateway").roleId(GATEWAY_ROLE_ID)
        .secretId(settings.gatewaySecretId()).policies(POLICY))
      .approle(APPROLE_MOUNT, role -> role.name("bench-direct").roleId(DIRECT_ROLE_ID)
        .secretId(settings.directSecretId()).policies(POLICY))
      .policy(POLICY, "secret/data/bench/*", "read");
    emulator.kv2("secret").put("bench/login", Map.of("username", "bench-user", "password", "bench-password"));
    return emulator;
  }

  static Settings settings(String[] args, Map<String, String> env) {
    String port = env.getOrDefault("EMULATOR_PORT", "0");
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--port") && i + 1 < args.length) {
        port = args[++i];
      } else {
        throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
      }
    }
    int number;
    try {
      number = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the port must be a number, got '" + port + "'");
    }
    if (number < 0 || number > 65535) {
      throw new IllegalArgumentException("the port must be 0..65535, got " + number);
    }
    return new Settings(number, required(env, "EMULATOR_GATEWAY_SECRET_ID"),
      required(env, "EMULATOR_DIRECT_SECRET_ID"));
  }

  private static String required(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is not set");
    }
    return value;
  }
}
