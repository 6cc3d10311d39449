// Telemetry starts first; the server comes in by import() after it (docs/style.md).
import { runWithTelemetry } from '@spn/observability';

runWithTelemetry('quality-safety', (telemetry) =>
  import('./server').then(({ startQualitySafetyServer }) =>
    startQualitySafetyServer(process.env, { onStopped: () => telemetry.shutdown() }),
  ),
);
