// Telemetry starts first; the server comes in by import() after it (docs/style.md).
import { runWithTelemetry } from '@spn/observability';

runWithTelemetry('analytics', (telemetry) =>
  import('./server').then(({ startAnalyticsServer }) =>
    startAnalyticsServer(process.env, { onStopped: () => telemetry.shutdown() }),
  ),
);
