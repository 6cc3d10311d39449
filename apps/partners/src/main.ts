// Telemetry starts first; the server comes in by import() after it (docs/style.md).
import { runWithTelemetry } from '@spn/observability';

runWithTelemetry('partners', (telemetry) =>
  import('./server').then(({ startPartnersServer }) =>
    startPartnersServer(process.env, { onStopped: () => telemetry.shutdown() }),
  ),
);
