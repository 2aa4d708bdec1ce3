import type { Telemetry } from './main.js';

// Telemetry starts before the application's modules load so that its instrumentations can patch them; without
// an OTLP endpoint the OpenTelemetry SDK is not even imported.
let telemetry: Telemetry | undefined;
if (process.env.OTEL_EXPORTER_OTLP_ENDPOINT) {
  const { startTelemetry } = await import('./telemetry.js');
  telemetry = startTelemetry();
}

const { start } = await import('./main.js');
await start(telemetry);
