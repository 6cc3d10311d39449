/**
 * Ids and keys (docs/read-models.md): a plan's id is the caller's, meaningful within its client only.
 * The finding: another organization opening a plan with an existing plan id replaced the first
 * organization's plan view (which then showed the other's client).
 */
import { projectionSpecification } from '@spn/service-kit';
import { randomUUID } from 'node:crypto';
import { carePlansProjection } from './care-plans/care-plans.projection';

const opened = (clientId: string, organizationId: string, linkWorker: string) => ({
  type: 'care-plans.PlanOpened',
  streamId: `careplan-${clientId}`,
  organizationId,
  data: { planId: 'plan-1', clientId, linkWorker, openedAt: '2026-02-01T09:00:00.000Z' },
});

describe('care-plans read model: ids within their owner', () => {
  it("keeps each organization's plan when two clients' plans share an id", async () => {
    const spec = await projectionSpecification(carePlansProjection);
    const [a, b] = [randomUUID(), randomUUID()];
    await spec.given(
      opened(a, 'fraser-north-health', 'lw-fraser'),
      opened(b, 'island-coast-health', 'lw-island'),
    );
    await spec.given({
      type: 'care-plans.PlanClosed',
      streamId: `careplan-${b}`,
      organizationId: 'island-coast-health',
      data: { reason: 'goals-met', note: null, closedAt: '2026-02-05T09:00:00.000Z' },
    });
    const rows = await spec.db.query<{
      client_id: string;
      organization_id: string;
      status: string;
      view: unknown;
    }>('SELECT client_id, organization_id, status, view FROM care_plans_plan ORDER BY organization_id');
    expect(rows.map((row) => [row.client_id, row.organization_id, row.status])).toEqual([
      [a, 'fraser-north-health', 'open'],
      [b, 'island-coast-health', 'closed'],
    ]);
    expect(rows[0]?.view).toMatchObject({
      planId: 'plan-1',
      clientId: a,
      linkWorker: 'lw-fraser',
      status: 'open',
    });
    await spec.close();
  });
});
