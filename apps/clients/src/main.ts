// Telemetry starts first; the server comes in by import() after it (docs/style.md).
import { runWithTelemetry } from '@spn/observability';

runWithTelemetry('clients', (telemetry) =>
  import('./server').then(({ startClientsServer }) =>
    startClientsServer(process.env, { onStopped: () => telemetry.shutdown() }),
  ),
);
