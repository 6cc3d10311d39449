import { NEEDS } from '@spn/contracts';
import { deciderSpecification } from '@spn/service-kit';
import { batchesOf, MAX_BATCH_BYTES } from '../directory.service';
import { changeReportDecider, type ChangeReportEvent } from '../change-report';
import { generateDirectory } from './fixture';
import { HsdsValidationError, validateHsdsDocument } from './hsds.validation';
import { taxonomyIdOf, VOCABULARIES } from './taxonomies';

const issuesOf = (document: unknown): string[] => {
  try {
    validateHsdsDocument(document);
    return [];
  } catch (error) {
    if (!(error instanceof HsdsValidationError)) throw error;
    return error.issues.map((issue) => `${issue.code} ${issue.path}: ${issue.message}`);
  }
};

describe('the HSDS fixture', () => {
  it('is deterministic, valid, and large enough', () => {
    const a = generateDirectory();
    expect(generateDirectory()).toEqual(a);
    expect(generateDirectory({ seed: 2 })).not.toEqual(a);
    expect(issuesOf(a)).toEqual([]);
    expect(a.services.length).toBeGreaterThanOrEqual(200);
    expect(a.organizations.length).toBeGreaterThanOrEqual(60);
  });

  it('has a taxonomy whose codes are exactly the platform needs', () => {
    const needs = taxonomyIdOf(VOCABULARIES.needs.name);
    const codes = generateDirectory()
      .taxonomy_terms.filter((term) => term.taxonomy_id === needs)
      .map((term) => term.code);
    expect([...codes].sort()).toEqual([...NEEDS].sort());
  });

  it('splits a large document into batches under the event size limit, losing nothing', () => {
    const document = generateDirectory({ services: 600 });
    const batches = batchesOf(document);
    expect(batches.length).toBeGreaterThan(1);
    for (const batch of batches)
      expect(Buffer.byteLength(JSON.stringify(batch))).toBeLessThan(MAX_BATCH_BYTES + 1024);
    expect(batches.flatMap((batch) => batch.services ?? [])).toEqual(document.services);
  });
});

describe('HSDS validation', () => {
  const valid = generateDirectory({ services: 10 });

  it('names the path of every problem', () => {
    expect(
      issuesOf({
        ...valid,
        services: [
          { ...valid.services[0], email: 'not-an-email', languages: [{ id: 'x' }] },
          { ...valid.services[1], minimum_age: 30, maximum_age: 20 },
        ],
      }),
    ).toEqual([
      'INVALID_TYPE services[0].email: must be an e-mail address',
      'INVALID_TYPE services[0].languages[0].id: must be a UUID',
    ]);
    expect(
      issuesOf({
        ...valid,
        services: valid.services.map((s, i) => (i === 1 ? { ...s, minimum_age: 30, maximum_age: 20 } : s)),
      }),
    ).toEqual(['INVALID_VALUE services[1].maximum_age: must not be below minimum_age']);
    expect(
      issuesOf({
        ...valid,
        service_at_locations: [{ ...valid.service_at_locations[0], location_id: valid.services[0]?.id }],
      }),
    ).toEqual(['UNKNOWN_REFERENCE service_at_locations[0].location_id: no location with this id']);
    expect(
      issuesOf({
        ...valid,
        locations: valid.locations.map((l, i) => (i === 0 ? { id: l.id, location_type: 'virtual' } : l)),
      }),
    ).toEqual(['REQUIRED locations[0].url: is required for a virtual location']);
    // A NUL character (PostgreSQL stores none), and a day that does not exist.
    expect(
      issuesOf({
        ...valid,
        services: valid.services.map((s, i) => (i === 0 ? { ...s, name: 'Hampers\u0000' } : s)),
      }),
    ).toEqual(['INVALID_VALUE services[0].name: must not contain a NUL character']);
    expect(
      issuesOf({
        ...valid,
        services: valid.services.map((s, i) => (i === 0 ? { ...s, assured_date: '2026-02-30' } : s)),
      }),
    ).toEqual(['INVALID_TYPE services[0].assured_date: must be a date (YYYY-MM-DD)']);
    expect(issuesOf([])).toEqual(['INVALID_TYPE (document): must be a JSON object']);
    expect(issuesOf({ servces: [] })).toEqual([
      'INVALID_VALUE servces: is not a collection of this document (taxonomies, taxonomy_terms, organizations, locations, services, service_at_locations)',
    ]);
  });

  it('keeps fields it does not model (a profile’s extensions) as given', () => {
    const extended = {
      ...valid,
      services: valid.services.map((s) => ({ ...s, funding: [{ source: 'BC Gaming' }] })),
    };
    expect(validateHsdsDocument(extended)).toEqual(extended);
  });
});

describe('change report decider', () => {
  const spec = deciderSpecification(changeReportDecider);
  const reported: ChangeReportEvent = {
    type: 'partners.ServiceChangeReported',
    data: {
      reportId: 'r1',
      serviceId: 's1',
      kind: 'closed',
      summary: 'Closed until May.',
      reportedAt: '2026-03-01T00:00:00.000Z',
      reportedBy: 'lw-1',
    },
  };

  it('reports a change, then confirms it with the event care-plans consumes', () => {
    spec
      .given([])
      .when({
        kind: 'report',
        reportId: 'r1',
        serviceId: 's1',
        changeKind: 'closed',
        summary: ' Closed until May. ',
        by: 'lw-1',
        at: '2026-03-01T00:00:00.000Z',
      })
      .then([reported]);
    spec
      .given([reported])
      .when({ kind: 'review', decision: 'confirmed', by: 'st-1', at: '2026-03-02T00:00:00.000Z' })
      .then([
        {
          type: 'partners.ServiceChangeReviewed',
          data: {
            reportId: 'r1',
            serviceId: 's1',
            decision: 'confirmed',
            note: null,
            reviewedAt: '2026-03-02T00:00:00.000Z',
            reviewedBy: 'st-1',
          },
        },
        {
          type: 'partners.ServiceChangeConfirmed',
          data: {
            reportId: 'r1',
            serviceId: 's1',
            kind: 'closed',
            summary: 'Closed until May.',
            confirmedAt: '2026-03-02T00:00:00.000Z',
          },
        },
      ]);
  });

  it('rejects without a confirmation, and refuses a second review or an unknown report', () => {
    const rejected = spec
      .given([reported])
      .when({ kind: 'review', decision: 'rejected', note: 'Still open.', by: 'st-1', at: 'now' })
      .events();
    expect(rejected.map((e) => e.type)).toEqual(['partners.ServiceChangeReviewed']);
    spec
      .given([reported, ...rejected])
      .when({ kind: 'review', decision: 'confirmed', by: 'st-2', at: 'now' })
      .thenRefuses('ALREADY_REVIEWED', 'reportId');
    spec
      .given([])
      .when({ kind: 'review', decision: 'confirmed', by: 'st-2', at: 'now' })
      .thenRefuses('NOT_FOUND', 'reportId');
    spec
      .given([])
      .when({
        kind: 'report',
        reportId: 'r2',
        serviceId: 's1',
        changeKind: 'other',
        summary: '  ',
        by: 'lw-1',
        at: 'now',
      })
      .thenRefuses('REQUIRED', 'summary');
  });
});
