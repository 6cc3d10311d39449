import { CLIENT_REFERRED } from '@spn/contracts';
import { deciderSpecification } from '@spn/service-kit';
import { clientDecider, ERASURE_REASONS, type ClientCommand, type ClientEvent } from './client';

const spec = deciderSpecification(clientDecider);

const REASON = 'Lives alone since a fall; asks for company and help with groceries.';

const refer: Extract<ClientCommand, { kind: 'refer' }> = {
  kind: 'refer',
  clientId: 'c-1',
  referralId: 'r-1',
  referrerOrganizationId: 'org-clinic',
  reason: '  Lives alone since a fall; asks for company and help with groceries. ',
  needs: ['social-connection', 'food', 'food'],
  urgency: 'routine',
};
const referred: ClientEvent[] = [
  {
    type: CLIENT_REFERRED,
    schemaVersion: 2,
    data: {
      clientId: 'c-1',
      referralId: 'r-1',
      referrerOrganizationId: 'org-clinic',
      needs: ['social-connection', 'food'],
      urgency: 'routine',
    },
  },
  {
    type: 'clients.ReferralReasonRecorded',
    data: {
      referralId: 'r-1',
      reason: 'Lives alone since a fall; asks for company and help with groceries.',
    },
  },
];
const careConsent: ClientEvent = {
  type: 'clients.ConsentRecorded',
  data: {
    consentId: 'k-1',
    purpose: 'care',
    recipientOrganizationId: null,
    recordedAt: '2026-11-20T10:00:00.000Z',
  },
};

describe('client: referral', () => {
  it('receives a referral: the integration event (no personal data) and the reason apart', () => {
    spec.given([]).when(refer).then(referred);
  });

  it('refuses the same referral twice', () => {
    spec.given(referred).when(refer).thenRefuses('REFERRAL_EXISTS', 'referralId');
  });

  it('accepts a second referral of the same client', () => {
    spec
      .given(referred)
      .when({ ...refer, referralId: 'r-2', needs: ['housing'], urgency: 'urgent' })
      .then([
        {
          type: CLIENT_REFERRED,
          schemaVersion: 2,
          data: {
            clientId: 'c-1',
            referralId: 'r-2',
            referrerOrganizationId: 'org-clinic',
            needs: ['housing'],
            urgency: 'urgent',
          },
        },
        {
          type: 'clients.ReferralReasonRecorded',
          data: { referralId: 'r-2', reason: REASON },
        },
      ]);
  });

  it.each([
    { field: 'needs', code: 'REQUIRED', change: { needs: [] } },
    { field: 'needs[1]', code: 'UNKNOWN_NEED', change: { needs: ['food', 'dragons'] } },
    { field: 'reason', code: 'REQUIRED', change: { reason: '   ' } },
    { field: 'reason', code: 'TOO_LONG', change: { reason: 'x'.repeat(2001) } },
  ])('refuses a bad $field with $code', ({ field, code, change }) => {
    spec
      .given([])
      .when({ ...refer, ...change })
      .thenRefuses(code, field);
  });
});

describe('client: details', () => {
  const register: ClientCommand = {
    kind: 'registerDetails',
    givenName: ' Ada ',
    familyName: 'Tremblay',
    dateOfBirth: '1948-03-02',
    today: '2026-11-25',
  };

  it('registers the details of a referred client', () => {
    spec
      .given(referred)
      .when(register)
      .then([
        {
          type: 'clients.ClientDetailsRegistered',
          data: {
            givenName: 'Ada',
            familyName: 'Tremblay',
            dateOfBirth: '1948-03-02',
            preferredLanguage: null,
          },
        },
      ]);
  });

  it('refuses a date of birth that is no calendar day (a projection could not store it)', () => {
    for (const dateOfBirth of ['2026-02-30', '1990-13-01', '1990-1-1', 'yesterday'])
      spec
        .given(referred)
        .when({ ...register, dateOfBirth })
        .thenRefuses('INVALID_DATE', 'dateOfBirth');
  });

  it('counts a name in characters (code points), and refuses a NUL character', () => {
    spec
      .given(referred)
      .when({ ...register, givenName: '😀'.repeat(201) })
      .thenRefuses('TOO_LONG', 'givenName');
    spec
      .given(referred)
      .when({ ...register, familyName: 'Tremblay\u0000' })
      .thenRefuses('INVALID_CHARACTER', 'familyName');
  });

  it('refuses details of a client never referred', () => {
    spec.given([]).when(register).thenRefuses('CLIENT_NOT_FOUND', 'clientId');
  });

  it('refuses a date of birth in the future, and a missing family name', () => {
    spec
      .given(referred)
      .when({ ...register, dateOfBirth: '2027-01-01' })
      .thenRefuses('INVALID_DATE', 'dateOfBirth');
    spec
      .given(referred)
      .when({ ...register, familyName: '' })
      .thenRefuses('REQUIRED', 'familyName');
  });
});

describe('client: consent per purpose and recipient', () => {
  const at = '2026-11-20T10:00:00.000Z';

  it('records a consent for care', () => {
    spec
      .given(referred)
      .when({ kind: 'recordConsent', consentId: 'k-1', purpose: 'care', at })
      .then([careConsent]);
  });

  it('needs a recipient to share', () => {
    spec
      .given(referred)
      .when({ kind: 'recordConsent', consentId: 'k-2', purpose: 'sharing', at })
      .thenRefuses('REQUIRED', 'recipientOrganizationId');
  });

  it('refuses the same active consent twice, and accepts it again once withdrawn', () => {
    const again: ClientCommand = { kind: 'recordConsent', consentId: 'k-2', purpose: 'care', at };
    spec
      .given([...referred, careConsent])
      .when(again)
      .thenRefuses('CONSENT_EXISTS', 'purpose');
    const withdrawn: ClientEvent = {
      type: 'clients.ConsentWithdrawn',
      data: { consentId: 'k-1', withdrawnAt: at },
    };
    spec
      .given([...referred, careConsent, withdrawn])
      .when(again)
      .then([
        {
          type: 'clients.ConsentRecorded',
          data: { consentId: 'k-2', purpose: 'care', recipientOrganizationId: null, recordedAt: at },
        },
      ]);
  });

  it('withdraws a consent once; an unknown one is refused', () => {
    spec
      .given([...referred, careConsent])
      .when({ kind: 'withdrawConsent', consentId: 'k-1', at })
      .then([{ type: 'clients.ConsentWithdrawn', data: { consentId: 'k-1', withdrawnAt: at } }]);
    spec
      .given([
        ...referred,
        careConsent,
        { type: 'clients.ConsentWithdrawn', data: { consentId: 'k-1', withdrawnAt: at } },
      ])
      .when({ kind: 'withdrawConsent', consentId: 'k-1', at })
      .thenRefuses('CONSENT_WITHDRAWN', 'consentId');
    spec
      .given(referred)
      .when({ kind: 'withdrawConsent', consentId: 'k-9', at })
      .thenRefuses('CONSENT_NOT_FOUND', 'consentId');
  });
});

describe('client: Link Worker', () => {
  it('assigns a Link Worker, and assigning the same one again changes nothing', () => {
    const assigned: ClientEvent = { type: 'clients.LinkWorkerAssigned', data: { linkWorker: 'user-lw-1' } };
    spec.given(referred).when({ kind: 'assignLinkWorker', linkWorker: 'user-lw-1' }).then([assigned]);
    spec
      .given([...referred, assigned])
      .when({ kind: 'assignLinkWorker', linkWorker: 'user-lw-1' })
      .then([]);
  });
});

describe('erasing a client', () => {
  const erase: ClientCommand = {
    kind: 'erase',
    reason: 'CLIENT_REQUEST',
    at: '2026-03-01T10:00:00Z',
  };
  const erased: ClientEvent = {
    type: 'clients.ClientErased',
    data: { reason: 'CLIENT_REQUEST', erasedAt: '2026-03-01T10:00:00Z' },
  };

  it('records the erasure with its reason, and refuses everything after it', () => {
    spec.given(referred).when(erase).then([erased]);
    spec
      .given([...referred, erased])
      .when(erase)
      .thenRefuses('CLIENT_ERASED', 'clientId');
    spec
      .given([...referred, erased])
      .when({ kind: 'assignLinkWorker', linkWorker: 'user-lw-1' })
      .thenRefuses('CLIENT_ERASED', 'clientId');
    spec
      .given([...referred, erased])
      .when(refer)
      .thenRefuses('CLIENT_ERASED', 'clientId');
  });

  it('needs a known client and a reason', () => {
    spec.given([]).when(erase).thenRefuses('CLIENT_NOT_FOUND', 'clientId');
    spec
      .given(referred)
      .when({ ...erase, reason: ' ' })
      .thenRefuses('REQUIRED', 'reason');
  });

  it('records a coded reason only: free text about the client is refused', () => {
    for (const reason of ERASURE_REASONS)
      spec
        .given(referred)
        .when({ ...erase, reason })
        .then([{ type: 'clients.ClientErased', data: { reason, erasedAt: '2026-03-01T10:00:00Z' } }]);
    expect(ERASURE_REASONS).toEqual([
      'CLIENT_REQUEST',
      'DECEASED',
      'DUPLICATE',
      'RETENTION_EXPIRED',
      'RECORDED_IN_ERROR',
    ]);
    spec
      .given(referred)
      .when({ ...erase, reason: 'Ada Tremblay asked by phone' })
      .thenRefuses('INVALID_VALUE', 'reason');
    spec
      .given(referred)
      .when({ ...erase, reason: 'client_request' })
      .thenRefuses('INVALID_VALUE', 'reason');
  });
});
