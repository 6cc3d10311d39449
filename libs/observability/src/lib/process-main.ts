import { startTelemetry, type Telemetry } from './telemetry';

/**
 * Every process's entry: telemetry first, then the program, loaded by `load()` (a dynamic `import()`),
 * so that NestJS and everything it instruments come in after OpenTelemetry is registered (docs/style.md,
 * "Tracing starts first"). A program that fails to start ends the process with exit 1.
 *
 * OTLP export is on when `OTEL_EXPORTER_OTLP_ENDPOINT` is set: reading `OTEL_*` here is the
 * OpenTelemetry convention; the program's own settings go through its validated configuration.
 */
export function runWithTelemetry(
  serviceName: string,
  load: (telemetry: Telemetry) => Promise<unknown>,
  env: NodeJS.ProcessEnv = process.env,
): void {
  const telemetry = startTelemetry({
    serviceName,
    traces: env['OTEL_EXPORTER_OTLP_ENDPOINT'] ? 'otlp' : 'none',
  });
  load(telemetry).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
