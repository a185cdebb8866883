package io.scrapengine.vaultgateway.config;

import io.vertx.core.json.JsonObject;

import java.util.Locale;

/**
 * Metrics, tracing and the access log. Tracing (W3C {@code traceparent} propagation, spans, trace ids in logs)
 * follows the exporter unless set: spans that nobody receives cost CPU on every request and every bus hop. The
 * access log is off unless asked for: a line per request costs about a third of a GET's throughput, and
 * {@code /metrics} already counts every request by route and status.
 */
public record ObservabilityConfig(boolean metricsEnabled, boolean accessLog, boolean tracingEnabled,
                                  TracesExporter tracesExporter, String otlpEndpoint, String serviceName) {

  /** Where finished spans go. */
  public enum TracesExporter { NONE, OTLP }

  static ObservabilityConfig from(JsonObject json) {
    String exporter = JsonValues.string(json, "tracesExporter", "none").trim().toLowerCase(Locale.ROOT);
    TracesExporter tracesExporter = switch (exporter) {
      case "none" -> TracesExporter.NONE;
      case "otlp" -> TracesExporter.OTLP;
      default -> throw new ConfigException("OTEL_TRACES_EXPORTER must be 'none' or 'otlp', got '" + exporter + "'");
    };
    return new ObservabilityConfig(
      JsonValues.bool(json, "metricsEnabled", true),
      JsonValues.bool(json, "accessLog", false),
      JsonValues.bool(json, "tracingEnabled", tracesExporter == TracesExporter.OTLP),
      tracesExporter,
      JsonValues.string(json, "otlpEndpoint", "http://127.0.0.1:4317"),
      JsonValues.string(json, "serviceName", "vault-gateway"));
  }
}
