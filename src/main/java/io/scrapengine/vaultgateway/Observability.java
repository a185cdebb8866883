package io.scrapengine.vaultgateway;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.scrapengine.vaultgateway.config.GatewayConfig;
import io.scrapengine.vaultgateway.metrics.GatewayMetrics;
import io.scrapengine.vaultgateway.metrics.MetricsSetup;
import io.scrapengine.vaultgateway.tracing.TracingSetup;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;

import java.util.function.Supplier;

/**
 * Metrics and tracing of one gateway process, made before its Vert.x so that Vert.x reports into them: a
 * Prometheus registry (Vert.x, JVM and gateway meters) and, when tracing is on, an OpenTelemetry SDK.
 */
public final class Observability {

  private final MetricsSetup metrics;
  private final TracingSetup tracing;
  private final GatewayMetrics gatewayMetrics;
  private final boolean boundToVertx;

  private Observability(MetricsSetup metrics, TracingSetup tracing, boolean boundToVertx) {
    this.metrics = metrics;
    this.tracing = tracing;
    this.boundToVertx = boundToVertx;
    this.gatewayMetrics = metrics == null ? GatewayMetrics.discarding() : GatewayMetrics.create(metrics.registry());
  }

  /** For a process that builds its Vert.x with {@link #vertx}. */
  public static Observability create(GatewayConfig config) {
    return create(config, null);
  }

  /** @param extraSpanProcessor also receives every finished span (tests record them), or null */
  public static Observability create(GatewayConfig config, SpanProcessor extraSpanProcessor) {
    return new Observability(config.observability().metricsEnabled() ? MetricsSetup.create() : null,
      TracingSetup.create(config.observability(), extraSpanProcessor), true);
  }

  /**
   * For a gateway started on a Vert.x made elsewhere (tests): the gateway's and the JVM's meters only, no Vert.x
   * meters and no tracing, which Vert.x can only get when it is built.
   */
  public static Observability detached(GatewayConfig config) {
    MetricsSetup metrics = config.observability().metricsEnabled() ? MetricsSetup.create() : null;
    if (metrics != null) {
      metrics.bindJvmMetrics();
    }
    return new Observability(metrics, null, false);
  }

  /** A Vert.x that reports into these meters and traces. */
  public Vertx vertx(VertxOptions options) {
    VertxBuilder builder = Vertx.builder();
    if (metrics != null) {
      options.setMetricsOptions(metrics.vertxMetricsOptions());
      builder.withMetrics(metrics.vertxMetricsFactory());
    }
    if (tracing != null) {
      options.setTracingOptions(tracing.vertxTracingOptions());
      builder.withTracer(tracing.vertxTracingFactory());
    }
    Vertx vertx = builder.with(options).build();
    if (metrics != null) {
      metrics.bindJvmMetrics();
    }
    return vertx;
  }

  public GatewayMetrics metrics() {
    return gatewayMetrics;
  }

  /** The registry {@code /metrics} serves, or null when metrics are off. */
  public PrometheusMeterRegistry registry() {
    return metrics == null ? null : metrics.registry();
  }

  /** The trace id of the span current on this thread's Vert.x context, or null. */
  public Supplier<String> traceIds() {
    if (tracing == null || !boundToVertx) {
      return () -> null;
    }
    return () -> {
      SpanContext span = Span.current().getSpanContext();
      return span.isValid() ? span.getTraceId() : null;
    };
  }

  public void close() {
    if (tracing != null) {
      tracing.close();
    }
    if (metrics != null) {
      metrics.registry().close();
    }
  }
}
