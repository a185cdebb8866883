package io.scrapengine.vaultgateway.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.scrapengine.vaultgateway.config.ObservabilityConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TracingSetupTest {

  private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final Context CALLER = Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(
    CALLER_TRACE, "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault())));

  private static ObservabilityConfig tracing(ObservabilityConfig.TracesExporter exporter) {
    return new ObservabilityConfig(false, true, true, exporter, "http://127.0.0.1:4317", "vault-gateway-test");
  }

  @Test
  void withNowhereToSendSpansTheyAreNotRecordedButCarryTheCallersTraceIdOrANewOne() {
    TracingSetup setup = TracingSetup.create(tracing(ObservabilityConfig.TracesExporter.NONE));
    try {
      Tracer tracer = setup.openTelemetry().getTracer("test");
      Span continued = tracer.spanBuilder("GET").setParent(CALLER).startSpan();
      assertFalse(continued.isRecording());
      assertEquals(CALLER_TRACE, continued.getSpanContext().getTraceId());
      assertTrue(continued.getSpanContext().isValid());
      assertNotEquals("00f067aa0ba902b7", continued.getSpanContext().getSpanId(), "a span of its own");

      Span fresh = tracer.spanBuilder("GET").setParent(Context.root()).startSpan();
      assertFalse(fresh.isRecording());
      assertTrue(fresh.getSpanContext().isValid());
      assertTrue(fresh.getSpanContext().getTraceId().matches("[0-9a-f]{32}"));
      assertNotEquals(CALLER_TRACE, fresh.getSpanContext().getTraceId());
    } finally {
      setup.close();
    }
  }

  @Test
  void spansAreRecordedWhenSomethingReceivesThem() {
    InMemorySpanExporter received = InMemorySpanExporter.create();
    TracingSetup setup = TracingSetup.create(tracing(ObservabilityConfig.TracesExporter.NONE),
      SimpleSpanProcessor.create(received));
    try {
      Span continued = setup.openTelemetry().getTracer("test").spanBuilder("GET").setParent(CALLER).startSpan();
      assertTrue(continued.isRecording());
      continued.end();
      assertEquals(List.of(CALLER_TRACE), received.getFinishedSpanItems().stream().map(SpanData::getTraceId).toList());
    } finally {
      setup.close();
    }
  }

  @Test
  void anOtlpExporterRecordsSpansAndTracingOffMakesNoSdk() {
    TracingSetup setup = TracingSetup.create(tracing(ObservabilityConfig.TracesExporter.OTLP));
    try {
      assertTrue(setup.openTelemetry().getTracer("test").spanBuilder("GET").setParent(CALLER).startSpan()
        .isRecording());
    } finally {
      setup.close();
    }
    assertNull(TracingSetup.create(new ObservabilityConfig(false, true, false,
      ObservabilityConfig.TracesExporter.NONE, "http://127.0.0.1:4317", "off")));
  }
}
