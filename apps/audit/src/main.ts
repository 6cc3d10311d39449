// Telemetry starts first; the server comes in by import() after it (docs/style.md).
import { runWithTelemetry } from '@spn/observability';

runWithTelemetry('audit', (telemetry) =>
  import('./server').then(({ startAuditServer }) =>
    startAuditServer(process.env, { onStopped: () => telemetry.shutdown() }),
  ),
);
