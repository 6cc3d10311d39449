import { deciderSpecification } from '@spn/service-kit';
import { incidentDecider, type IncidentEvent } from './incident';

const spec = deciderSpecification(incidentDecider);
const AT = '2026-11-20T10:00:00.000Z';
const report = {
  kind: 'report' as const,
  incidentId: 'i-1',
  incidentKind: 'safeguarding-concern',
  severity: 'moderate',
  summary: 'Concern raised at a home visit',
  clientId: null,
  clientKnown: false,
  occurredOn: '2026-11-19',
  by: 'lw',
  at: AT,
};
const reported: IncidentEvent = {
  type: 'quality-safety.IncidentReported',
  data: {
    incidentId: 'i-1',
    kind: 'safeguarding-concern',
    severity: 'moderate',
    summary: 'Concern raised at a home visit',
    clientId: null,
    occurredOn: '2026-11-19',
    reportedBy: 'lw',
    reportedAt: AT,
  },
};
const escalated: IncidentEvent = {
  type: 'quality-safety.IncidentEscalated',
  data: { to: 'supervisor', flagged: false, acknowledgeBy: '2026-11-21T10:00:00.000Z', escalatedAt: AT },
};
const acknowledged: IncidentEvent = {
  type: 'quality-safety.IncidentAcknowledged',
  data: {
    by: 'sup',
    role: 'supervisor',
    acknowledgedAt: '2026-11-20T11:30:00.000Z',
    secondsToAcknowledge: 5400,
  },
};

describe('incident', () => {
  it('is reported and escalated at once by severity', () => {
    spec.given([]).when(report).then([reported, escalated]);
    const [, low] = spec
      .given([])
      .when({ ...report, severity: 'low' })
      .events();
    expect(low?.data).toMatchObject({
      to: 'supervisor',
      flagged: false,
      acknowledgeBy: '2026-11-23T10:00:00.000Z',
    });
    const [, high] = spec
      .given([])
      .when({ ...report, severity: 'high' })
      .events();
    expect(high?.data).toMatchObject({
      to: 'org-admin',
      flagged: false,
      acknowledgeBy: '2026-11-20T14:00:00.000Z',
    });
    const [, critical] = spec
      .given([])
      .when({ ...report, severity: 'critical' })
      .events();
    expect(critical?.data).toMatchObject({
      to: 'org-admin',
      flagged: true,
      acknowledgeBy: '2026-11-20T11:00:00.000Z',
    });
  });

  it("links a client of the reporter's organization only, and checks what it is given", () => {
    const [linked] = spec
      .given([])
      .when({ ...report, clientId: 'c-1', clientKnown: true })
      .events();
    expect(linked?.data).toMatchObject({ clientId: 'c-1' });
    spec
      .given([])
      .when({ ...report, clientId: 'c-2' })
      .thenRefuses('CLIENT_NOT_FOUND', 'clientId');
    spec
      .given([])
      .when({ ...report, severity: 'grave' })
      .thenRefuses('INVALID_VALUE', 'severity');
    spec
      .given([])
      .when({ ...report, incidentKind: 'gossip' })
      .thenRefuses('INVALID_VALUE', 'kind');
    spec
      .given([])
      .when({ ...report, occurredOn: '2026-11-21' })
      .thenRefuses('INVALID_DATE', 'occurredOn');
    spec
      .given([])
      .when({ ...report, summary: '' })
      .thenRefuses('REQUIRED', 'summary');
    spec.given([reported, escalated]).when(report).thenRefuses('INCIDENT_EXISTS', 'incidentId');
  });

  it('is acknowledged by the role escalated to, with the seconds it took; once', () => {
    const acknowledge = {
      kind: 'acknowledge' as const,
      by: 'sup',
      roles: ['supervisor'],
      at: '2026-11-20T11:30:00.000Z',
    };
    spec.given([reported, escalated]).when(acknowledge).then([acknowledged]);
    spec.given([reported, escalated, acknowledged]).when(acknowledge).then([]);
    spec
      .given([reported, escalated])
      .when({ ...acknowledge, roles: ['org-admin'] })
      .thenRefuses('NOT_ESCALATED_TO_YOU', 'incidentId');
    spec.given([]).when(acknowledge).thenRefuses('INCIDENT_NOT_FOUND', 'incidentId');
  });

  it('is resolved with lessons learned once acknowledged; nothing after', () => {
    const resolve = {
      kind: 'resolve' as const,
      by: 'sup',
      roles: ['supervisor'],
      resolution: 'Referred to the safeguarding lead',
      lessonsLearned: 'Visit in pairs',
      clientErased: false,
      at: AT,
    };
    spec.given([reported, escalated]).when(resolve).thenRefuses('NOT_ACKNOWLEDGED', 'incidentId');
    const resolved: IncidentEvent = {
      type: 'quality-safety.IncidentResolved',
      data: {
        by: 'sup',
        resolution: 'Referred to the safeguarding lead',
        lessonsLearned: 'Visit in pairs',
        resolvedAt: AT,
        clientId: null,
      },
    };
    spec.given([reported, escalated, acknowledged]).when(resolve).then([resolved]);
    spec
      .given([reported, escalated, acknowledged])
      .when({ ...resolve, lessonsLearned: ' ' })
      .thenRefuses('REQUIRED', 'lessonsLearned');
    spec
      .given([reported, escalated, acknowledged, resolved])
      .when(resolve)
      .thenRefuses('INCIDENT_RESOLVED', 'incidentId');
  });

  it("names the client it concerns in its resolution (sealed with the client's key) until the client is erased", () => {
    const aboutClient: IncidentEvent = {
      type: 'quality-safety.IncidentReported',
      data: { ...reported.data, clientId: 'c-1' },
    };
    const resolve = {
      kind: 'resolve' as const,
      by: 'sup',
      roles: ['supervisor'],
      resolution: 'Safeguarding plan agreed with Ada',
      lessonsLearned: 'Visit in pairs',
      clientErased: false,
      at: AT,
    };
    const [resolved] = spec.given([aboutClient, escalated, acknowledged]).when(resolve).events();
    expect(resolved).toEqual({
      type: 'quality-safety.IncidentResolved',
      data: {
        by: 'sup',
        resolution: 'Safeguarding plan agreed with Ada',
        lessonsLearned: 'Visit in pairs',
        resolvedAt: AT,
        clientId: 'c-1',
      },
    });
    // Once the client is erased, their key is gone: the resolution is sealed with the incident's own.
    const [afterErasure] = spec
      .given([aboutClient, escalated, acknowledged])
      .when({ ...resolve, clientErased: true })
      .events();
    expect(afterErasure?.data).toMatchObject({ clientId: null, lessonsLearned: 'Visit in pairs' });
  });
});
