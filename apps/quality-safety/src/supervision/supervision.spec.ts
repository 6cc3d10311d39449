import { deciderSpecification } from '@spn/service-kit';
import { PERSONAL_DATA_SUBJECTS } from '@spn/contracts';
import { SUPERVISION_PERSONAL_FIELDS, supervisionDecider, type SupervisionEvent } from './supervision';

const spec = deciderSpecification(supervisionDecider);
const AT = '2026-11-20T10:00:00.000Z';
const scheduled: SupervisionEvent = {
  type: 'quality-safety.SupervisionScheduled',
  data: { sessionId: 's-1', facilitator: 'sup', linkWorkers: ['lw'], kind: 'one-to-one', scheduledFor: AT },
};
const action = {
  actionId: 'a-1',
  description: 'Read the safeguarding guide',
  owner: 'lw',
  dueOn: '2026-12-01',
};
// The description apart from who owes the action by when: it is sealed, they stay readable.
const heldAction = { actionId: 'a-1', owner: 'lw', dueOn: '2026-12-01' };
const actionDescriptions = { 'a-1': 'Read the safeguarding guide' };
const held: SupervisionEvent = {
  type: 'quality-safety.SupervisionHeld',
  data: {
    notes: 'Talked about boundaries',
    actions: [heldAction],
    actionDescriptions,
    heldAt: AT,
    clientId: null,
  },
};
const schedule = {
  kind: 'schedule' as const,
  sessionId: 's-1',
  facilitator: 'sup',
  linkWorkers: ['lw'],
  sessionKind: 'one-to-one',
  scheduledFor: '2026-11-20T10:00:00Z',
};
const hold = {
  kind: 'hold' as const,
  by: 'sup',
  notes: ' Talked about boundaries ',
  actions: [action],
  clientId: null,
  clientKnown: false,
  at: AT,
};

describe('supervision session', () => {
  it('is scheduled by its facilitator with Link Workers, of a known kind, at an instant', () => {
    spec.given([]).when(schedule).then([scheduled]);
    spec
      .given([])
      .when({ ...schedule, sessionKind: 'coffee' })
      .thenRefuses('INVALID_VALUE', 'kind');
    spec
      .given([])
      .when({ ...schedule, linkWorkers: ['lw', 'lw2'] })
      .thenRefuses('INVALID_VALUE', 'linkWorkers');
    spec
      .given([])
      .when({ ...schedule, linkWorkers: [] })
      .thenRefuses('REQUIRED', 'linkWorkers');
    spec
      .given([])
      .when({ ...schedule, linkWorkers: ['sup'] })
      .thenRefuses('INVALID_VALUE', 'linkWorkers');
    spec
      .given([])
      .when({ ...schedule, scheduledFor: 'tomorrow' })
      .thenRefuses('INVALID_DATE', 'scheduledFor');
    spec.given([scheduled]).when(schedule).thenRefuses('SESSION_EXISTS', 'sessionId');
  });

  it('a group or peer-support session has several Link Workers', () => {
    const events = spec
      .given([])
      .when({ ...schedule, sessionKind: 'peer-support', linkWorkers: ['b', 'a', 'b'] })
      .events();
    expect(events[0]?.data).toMatchObject({ kind: 'peer-support', linkWorkers: ['a', 'b'] });
  });

  it('is held by its facilitator only, once, with notes and actions owned by people of the session', () => {
    spec.given([scheduled]).when(hold).then([held]);
    spec
      .given([scheduled])
      .when({ ...hold, by: 'lw' })
      .thenRefuses('NOT_FACILITATOR', 'sessionId');
    spec.given([scheduled, held]).when(hold).thenRefuses('SESSION_CLOSED', 'sessionId');
    spec
      .given([scheduled])
      .when({ ...hold, notes: ' ' })
      .thenRefuses('REQUIRED', 'notes');
    spec
      .given([scheduled])
      .when({ ...hold, actions: [{ ...action, owner: 'someone-else' }] })
      .thenRefuses('INVALID_VALUE', 'actions[0].owner');
    spec
      .given([scheduled])
      .when({ ...hold, actions: [action, action] })
      .thenRefuses('DUPLICATE_ID', 'actions[1].actionId');
    spec
      .given([scheduled])
      .when({ ...hold, actions: [{ ...action, dueOn: '2026-02-30' }] })
      .thenRefuses('INVALID_DATE', 'actions[0].dueOn');
    spec.given([]).when(hold).thenRefuses('SESSION_NOT_FOUND', 'sessionId');
  });

  it('names the client a session was about (their key seals the notes): a known client only', () => {
    const [aboutClient] = spec
      .given([scheduled])
      .when({ ...hold, clientId: 'c-1', clientKnown: true })
      .events();
    expect(aboutClient).toEqual({
      type: 'quality-safety.SupervisionHeld',
      data: {
        notes: 'Talked about boundaries',
        actions: [heldAction],
        actionDescriptions,
        heldAt: AT,
        clientId: 'c-1',
      },
    });
    // Another organization's client, an erased one, or no client at all with this id.
    spec
      .given([scheduled])
      .when({ ...hold, clientId: 'c-2', clientKnown: false })
      .thenRefuses('CLIENT_NOT_FOUND', 'clientId');
    expect(SUPERVISION_PERSONAL_FIELDS).toEqual({
      'quality-safety.SupervisionHeld': ['notes', 'actionDescriptions'],
      'quality-safety.SupervisionCancelled': ['reason'],
    });
    expect(PERSONAL_DATA_SUBJECTS['quality-safety.SupervisionHeld']).toBe('clientId');
    expect(PERSONAL_DATA_SUBJECTS['quality-safety.SupervisionCancelled']).toBe('clientId');
  });

  it('follows through an action held before its description was kept apart (in clear, in the action)', () => {
    const heldBefore: SupervisionEvent = {
      type: 'quality-safety.SupervisionHeld',
      data: { notes: 'Talked about boundaries', actions: [action], heldAt: AT },
    };
    spec
      .given([scheduled, heldBefore])
      .when({ kind: 'markActionDone', by: 'lw', actionId: 'a-1', doneOn: '2026-11-25' })
      .then([
        {
          type: 'quality-safety.SupervisionActionDone',
          data: { actionId: 'a-1', doneOn: '2026-11-25', by: 'lw' },
        },
      ]);
  });

  it("follows an action through: its owner marks it done, once; nobody else's", () => {
    const done = { kind: 'markActionDone' as const, by: 'lw', actionId: 'a-1', doneOn: '2026-11-25' };
    const doneEvent: SupervisionEvent = {
      type: 'quality-safety.SupervisionActionDone',
      data: { actionId: 'a-1', doneOn: '2026-11-25', by: 'lw' },
    };
    spec.given([scheduled, held]).when(done).then([doneEvent]);
    spec.given([scheduled, held, doneEvent]).when(done).then([]);
    spec
      .given([scheduled, held])
      .when({ ...done, by: 'other' })
      .thenRefuses('NOT_ACTION_OWNER', 'actionId');
    spec
      .given([scheduled, held])
      .when({ ...done, actionId: 'a-9' })
      .thenRefuses('ACTION_NOT_FOUND', 'actionId');
    spec.given([scheduled]).when(done).thenRefuses('SESSION_NOT_HELD', 'sessionId');
  });

  it('is cancelled by its facilitator while scheduled, with a reason', () => {
    const cancel = {
      kind: 'cancel' as const,
      by: 'sup',
      reason: 'Sick day',
      clientId: null,
      clientKnown: false,
      at: AT,
    };
    const cancelled: SupervisionEvent = {
      type: 'quality-safety.SupervisionCancelled',
      data: { reason: 'Sick day', cancelledAt: AT, clientId: null },
    };
    spec.given([scheduled]).when(cancel).then([cancelled]);
    spec.given([scheduled, cancelled]).when(hold).thenRefuses('SESSION_CLOSED', 'sessionId');
    spec.given([scheduled, held]).when(cancel).thenRefuses('SESSION_CLOSED', 'sessionId');
    spec
      .given([scheduled])
      .when({ ...cancel, reason: '' })
      .thenRefuses('REQUIRED', 'reason');
  });

  it('names the client a cancelled session was to be about (their key seals the reason): a known client only', () => {
    const cancel = {
      kind: 'cancel' as const,
      by: 'sup',
      reason: ' Client in hospital ',
      clientId: 'c-1',
      clientKnown: true,
      at: AT,
    };
    spec
      .given([scheduled])
      .when(cancel)
      .then([
        {
          type: 'quality-safety.SupervisionCancelled',
          data: { reason: 'Client in hospital', cancelledAt: AT, clientId: 'c-1' },
        },
      ]);
    spec
      .given([scheduled])
      .when({ ...cancel, clientId: 'c-2', clientKnown: false })
      .thenRefuses('CLIENT_NOT_FOUND', 'clientId');
  });
});
