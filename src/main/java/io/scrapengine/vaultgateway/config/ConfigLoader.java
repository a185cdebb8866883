package io.scrapengine.vaultgateway.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Reads {@code conf/application.yaml} (from the working directory, else the copy inside the jar), then the
 * environment, then any explicit overrides, later sources winning.
 */
public final class ConfigLoader {

  public static final String CONFIG_FILE_VARIABLE = "CONFIG_FILE";
  private static final String DEFAULT_CONFIG_FILE = "conf/application.yaml";

  private ConfigLoader() {
  }

  public static Future<GatewayConfig> load(Vertx vertx) {
    return load(vertx, new JsonObject(), true);
  }

  /**
   * @param overrides applied last, for tests and commands
   * @param readEnvironment whether environment variables are read (tests turn it off to stay hermetic)
   */
  public static Future<GatewayConfig> load(Vertx vertx, JsonObject overrides, boolean readEnvironment) {
    String file = readEnvironment && System.getenv(CONFIG_FILE_VARIABLE) != null
      ? System.getenv(CONFIG_FILE_VARIABLE) : DEFAULT_CONFIG_FILE;
    ConfigRetrieverOptions options = new ConfigRetrieverOptions()
      .setScanPeriod(-1)
      .setIncludeDefaultStores(false)
      .addStore(new ConfigStoreOptions().setType("file").setFormat("yaml")
        .setConfig(new JsonObject().put("path", file)));
    if (readEnvironment) {
      options.addStore(new ConfigStoreOptions().setType("env")
        .setConfig(new JsonObject().put("keys", EnvironmentOverrides.variableNames()).put("raw-data", true)));
    }
    ConfigRetriever retriever = ConfigRetriever.create(vertx, options)
      .setConfigurationProcessor(EnvironmentOverrides::apply);
    return retriever.getConfig()
      .andThen(ignored -> retriever.close())
      .map(json -> GatewayConfig.from(deepMerge(json, overrides)));
  }

  private static JsonObject deepMerge(JsonObject base, JsonObject overrides) {
    return base.copy().mergeIn(overrides, true);
  }
}
