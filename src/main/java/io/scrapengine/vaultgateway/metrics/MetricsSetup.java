package io.scrapengine.vaultgateway.metrics;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;

import java.util.EnumSet;

/**
 * One Prometheus registry per gateway process: Vert.x's own meters (HTTP server and client, pools, event bus),
 * the JVM's, and the gateway's ({@link GatewayMetrics}). Labels are limited to closed sets: no raw paths, no
 * remote addresses.
 */
public final class MetricsSetup {

  /** Vert.x labels worth their series: routes are templates, pools and addresses are a handful per process. */
  private static final EnumSet<Label> LABELS = EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE,
    Label.POOL_TYPE, Label.POOL_NAME, Label.EB_ADDRESS, Label.EB_SIDE, Label.EB_FAILURE, Label.NAMESPACE);

  private final PrometheusMeterRegistry registry;

  private MetricsSetup(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  public static MetricsSetup create() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("application", "vault-gateway");
    return new MetricsSetup(registry);
  }

  /**
   * Adds the JVM's meters. Call it after Vert.x was built on this registry: Vert.x configures meter filters, and
   * filters only apply to meters registered after them.
   */
  public void bindJvmMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The metrics factory to build Vert.x with, so that its meters land in this registry. */
  public MicrometerMetricsFactory vertxMetricsFactory() {
    return new MicrometerMetricsFactory(registry);
  }

  public MicrometerMetricsOptions vertxMetricsOptions() {
    return new MicrometerMetricsOptions()
      .setEnabled(true)
      .setLabels(LABELS)
      // counts, sums and maxima only: the latency histograms that matter (requests by route template, Vault calls
      // by operation) are the gateway's own, with a few fixed buckets
      .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true).setPublishQuantiles(false))
      // Vert.x's HTTP client meters would count Vault calls without saying which operation; GatewayMetrics does
      .addDisabledMetricsCategory(MetricsDomain.HTTP_CLIENT)
      .addDisabledMetricsCategory(MetricsDomain.NAMED_POOLS);
  }
}
