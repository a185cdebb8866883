package io.scrapengine.vaultgateway.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.scrapengine.vaultgateway.config.ObservabilityConfig;
import io.vertx.core.tracing.TracingOptions;
import io.vertx.tracing.opentelemetry.OpenTelemetryTracingFactory;

/**
 * OpenTelemetry for Vert.x: spans for HTTP requests served, PostgreSQL queries and calls to Vaults, W3C
 * {@code traceparent} read from callers and passed on. Spans are exported only when an exporter is configured
 * (OTLP over gRPC); without one, spans are not recorded and trace ids still tie log lines together. The SDK is
 * built here, never taken from a global, so that two gateways in one JVM (as in tests) keep their own.
 */
public final class TracingSetup {

  private final OpenTelemetrySdk sdk;

  private TracingSetup(OpenTelemetrySdk sdk) {
    this.sdk = sdk;
  }

  /** Null when tracing is off. */
  public static TracingSetup create(ObservabilityConfig config) {
    return create(config, null);
  }

  /** @param extraProcessor also receives every span (tests record them), or null */
  public static TracingSetup create(ObservabilityConfig config, SpanProcessor extraProcessor) {
    if (!config.tracingEnabled()) {
      return null;
    }
    boolean exported = extraProcessor != null || config.tracesExporter() == ObservabilityConfig.TracesExporter.OTLP;
    SdkTracerProviderBuilder tracers = SdkTracerProvider.builder()
      .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
        io.opentelemetry.api.common.AttributeKey.stringKey("service.name"), config.serviceName()))))
      .setSampler(samplerFor(exported));
    if (extraProcessor != null) {
      tracers.addSpanProcessor(extraProcessor);
    }
    if (config.tracesExporter() == ObservabilityConfig.TracesExporter.OTLP) {
      tracers.addSpanProcessor(BatchSpanProcessor.builder(
        OtlpGrpcSpanExporter.builder().setEndpoint(config.otlpEndpoint()).build()).build());
    }
    return new TracingSetup(OpenTelemetrySdk.builder()
      .setTracerProvider(tracers.build())
      .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
      .build());
  }

  /**
   * With nowhere to send spans, recording them (attributes, events, timings) is work for nothing: spans are then
   * not recorded, but they still carry a trace id (the caller's, from its {@code traceparent}, or a new one) into
   * log lines and onward calls. What is not kept is the caller's "sampled" flag on those onward calls.
   */
  private static Sampler samplerFor(boolean exported) {
    return exported ? Sampler.parentBased(Sampler.alwaysOn()) : Sampler.alwaysOff();
  }

  public OpenTelemetry openTelemetry() {
    return sdk;
  }

  public OpenTelemetryTracingFactory vertxTracingFactory() {
    return new OpenTelemetryTracingFactory(sdk);
  }

  public TracingOptions vertxTracingOptions() {
    return new TracingOptions();
  }

  /** Flushes spans still buffered for export. */
  public void close() {
    sdk.close();
  }
}
