import { trace } from '@opentelemetry/api';
import { memoryLog } from '@spn/testing';
import { createLogger, REDACTED, withCorrelationId } from './logger';
import { startTelemetry, type Telemetry } from './telemetry';

// Fictional personal data: none of these strings may appear in a log line.
const PERSONAL = [
  'Ada Example',
  'Ada',
  'Example',
  '1970-01-01',
  'ada@example.org',
  '+1 555 0100',
  'feels low',
];

describe('createLogger', () => {
  let telemetry: Telemetry;
  beforeAll(() => {
    telemetry = startTelemetry({ serviceName: 'logger-test', traces: 'memory' });
  });
  afterAll(async () => {
    await telemetry.shutdown();
  });

  it('redacts personal fields and carries the trace, span and correlation ids', () => {
    const { lines, destination } = memoryLog();
    const logger = withCorrelationId(createLogger('referrals', { destination }), 'corr-42');
    trace.getTracer('logger-test').startActiveSpan('request', (active) => {
      logger.info(
        {
          eventId: '0192aaaa-0000-7000-8000-000000000001',
          data: { clientId: 'client-1', name: 'Ada Example', dateOfBirth: '1970-01-01' },
          metadata: {
            organizationId: 'org-north-health',
            actor: { subject: 'user-123', organizationId: 'org-north-health', roles: ['link-worker'] },
          },
          client: {
            firstName: 'Ada',
            lastName: 'Example',
            contact: { email: 'ada@example.org', phone: '+1 555 0100' },
          },
          referral: { notes: 'feels low', urgency: 'routine' },
        },
        'referral received',
      );
      active.end();
    });

    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    expect(line).toMatchObject({
      level: 'info',
      logger: 'referrals',
      message: 'referral received',
      correlation_id: 'corr-42',
      eventId: '0192aaaa-0000-7000-8000-000000000001',
      data: REDACTED,
      metadata: { organizationId: 'org-north-health', actor: REDACTED },
      client: { firstName: REDACTED, lastName: REDACTED, contact: REDACTED },
      referral: { notes: REDACTED, urgency: 'routine' },
    });
    // The ids are the span's that was active when the line was written.
    const [request] = telemetry.finishedSpans().filter((span) => span.name === 'request');
    expect(request?.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(line['trace_id']).toBe(request?.spanContext().traceId);
    expect(line['span_id']).toBe(request?.spanContext().spanId);
    const text = JSON.stringify(line);
    for (const value of PERSONAL) expect(text).not.toContain(value);
  });

  it('redacts personal fields two levels down', () => {
    const { lines, destination } = memoryLog();
    createLogger('deep', { destination }).warn({ a: { b: { email: 'ada@example.org' } } }, 'x');
    expect(lines[0]).toMatchObject({ a: { b: { email: REDACTED } } });
  });

  it('has no trace ids outside a span', () => {
    const { lines, destination } = memoryLog();
    createLogger('quiet', { destination, correlationId: 'corr-1' }).info('idle');
    expect(lines[0]).toMatchObject({ message: 'idle', correlation_id: 'corr-1' });
    expect(lines[0]).not.toHaveProperty('trace_id');
    expect(lines[0]).not.toHaveProperty('span_id');
  });
});
