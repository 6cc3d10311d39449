// Telemetry starts first; the gateway comes in by import() after it (docs/style.md).
import { runWithTelemetry } from '@spn/observability';

runWithTelemetry('gateway', async (telemetry) => {
  const { startGateway } = await import('./server');
  const gateway = await startGateway(process.env);
  const stop = () => {
    void gateway
      .stop()
      .then(() => telemetry.shutdown())
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
});
