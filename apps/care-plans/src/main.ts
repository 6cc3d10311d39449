// Telemetry starts first; the server comes in by import() after it (docs/style.md).
import { runWithTelemetry } from '@spn/observability';

runWithTelemetry('care-plans', (telemetry) =>
  import('./server').then(({ startCarePlansServer }) =>
    startCarePlansServer(process.env, { onStopped: () => telemetry.shutdown() }),
  ),
);
