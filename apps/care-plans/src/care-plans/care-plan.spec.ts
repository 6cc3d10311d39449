import { deciderSpecification } from '@spn/service-kit';
import { carePlanDecider, type CarePlanCommand, type CarePlanEvent } from './care-plan';

const spec = deciderSpecification(carePlanDecider);
const AT = '2026-03-01T10:00:00.000Z';

const opened: CarePlanEvent = {
  type: 'care-plans.PlanOpened',
  data: { planId: 'p-1', clientId: 'c-1', linkWorker: 'lw-1', openedAt: AT },
};
const goalSet: CarePlanEvent = {
  type: 'care-plans.GoalSet',
  data: { goalId: 'g-1', inClientsWords: 'Get out of the house twice a week', setAt: AT },
};
const prescribed: CarePlanEvent = {
  type: 'care-plans.ResourcePrescribed',
  data: {
    prescriptionId: 'rx-1',
    goalId: 'g-1',
    need: 'social-connection',
    resourceName: 'Tuesday walking group',
    partnerOrganizationId: 'greenway-seniors-centre',
    followUpOn: '2026-03-15',
    prescribedAt: AT,
  },
};
const closed: CarePlanEvent = {
  type: 'care-plans.PlanClosed',
  data: { reason: 'goals-met', note: null, closedAt: AT },
};
const ucla = (lackCompanionship: number, leftOut: number, isolated: number) => ({
  measure: 'UCLA3' as const,
  items: { lackCompanionship, leftOut, isolated },
});

describe('care plan: given its history, when a command, then events or a refusal', () => {
  it('opens a plan for a client, and refuses a second while one is open', () => {
    const open: CarePlanCommand = {
      kind: 'open',
      planId: 'p-1',
      clientId: 'c-1',
      linkWorker: 'lw-1',
      at: AT,
    };
    spec.given([]).when(open).then([opened]);
    spec
      .given([opened])
      .when({ ...open, planId: 'p-2' })
      .thenRefuses('PLAN_OPEN', 'clientId');
  });

  it('opens a new plan once the last is closed, never reusing its ids', () => {
    const reopen: CarePlanCommand = {
      kind: 'open',
      planId: 'p-2',
      clientId: 'c-1',
      linkWorker: 'lw-2',
      at: AT,
    };
    spec
      .given([opened, closed])
      .when(reopen)
      .then([
        {
          type: 'care-plans.PlanOpened',
          data: { planId: 'p-2', clientId: 'c-1', linkWorker: 'lw-2', openedAt: AT },
        },
      ]);
    spec
      .given([opened, closed])
      .when({ ...reopen, planId: 'p-1' })
      .thenRefuses('DUPLICATE_ID', 'planId');
    // The closed plan's goals are not the new plan's.
    spec
      .given([opened, goalSet, closed, { ...opened, data: { ...opened.data, planId: 'p-2' } }])
      .when({ kind: 'rateReadiness', goalId: 'g-1', stage: 'action', importance: 5, confidence: 5, at: AT })
      .thenRefuses('GOAL_NOT_FOUND', 'goalId');
  });

  it('refuses anything but opening when no plan is open', () => {
    spec
      .given([])
      .when({ kind: 'setGoal', goalId: 'g-1', inClientsWords: 'x', at: AT })
      .thenRefuses('NO_OPEN_PLAN', 'clientId');
    spec.given([opened, closed]).when({ kind: 'agree', at: AT }).thenRefuses('NO_OPEN_PLAN', 'clientId');
  });

  it('records a needs assessment with what matters to the client, in their words, and their strengths', () => {
    spec
      .given([opened])
      .when({
        kind: 'assessNeeds',
        assessmentId: 'a-1',
        needs: [
          { need: 'social-connection', priority: 'high' },
          { need: 'transport', priority: 'medium' },
        ],
        whatMattersToMe: '  Seeing my grandchildren; my garden. ',
        strengths: ['Knows her neighbours', 'Enjoys cooking'],
        at: AT,
      })
      .then([
        {
          type: 'care-plans.NeedsAssessed',
          data: {
            assessmentId: 'a-1',
            needs: [
              { need: 'social-connection', priority: 'high' },
              { need: 'transport', priority: 'medium' },
            ],
            whatMattersToMe: 'Seeing my grandchildren; my garden.',
            strengths: ['Knows her neighbours', 'Enjoys cooking'],
            assessedAt: AT,
          },
        },
      ]);
  });

  it.each([
    [{ needs: [] }, 'REQUIRED', 'needs'],
    [{ needs: [{ need: 'dragons', priority: 'high' }] }, 'UNKNOWN_NEED', 'needs[0].need'],
    [{ needs: [{ need: 'food', priority: 'urgent' }] }, 'INVALID_VALUE', 'needs[0].priority'],
    [
      {
        needs: [
          { need: 'food', priority: 'high' },
          { need: 'food', priority: 'low' },
        ],
      },
      'DUPLICATE_NEED',
      'needs[1].need',
    ],
    [{ whatMattersToMe: ' ' }, 'REQUIRED', 'whatMattersToMe'],
    [{ strengths: ['x'.repeat(501)] }, 'TOO_LONG', 'strengths[0]'],
  ])('refuses a needs assessment with %j: %s on %s', (change, code, field) => {
    spec
      .given([opened])
      .when({
        kind: 'assessNeeds',
        assessmentId: 'a-1',
        needs: [{ need: 'food', priority: 'high' }],
        whatMattersToMe: 'My garden',
        strengths: [],
        at: AT,
        ...change,
      })
      .thenRefuses(code, field);
  });

  it('sets goals in the client’s words and rates readiness for change with the two rulers', () => {
    spec
      .given([opened])
      .when({ kind: 'setGoal', goalId: 'g-1', inClientsWords: 'Get out of the house twice a week', at: AT })
      .then([goalSet]);
    spec
      .given([opened, goalSet])
      .when({
        kind: 'rateReadiness',
        goalId: 'g-1',
        stage: 'preparation',
        importance: 8,
        confidence: 4,
        at: AT,
      })
      .then([
        {
          type: 'care-plans.ReadinessRated',
          data: { goalId: 'g-1', stage: 'preparation', importance: 8, confidence: 4, ratedAt: AT },
        },
      ]);
    const rate = {
      kind: 'rateReadiness' as const,
      goalId: 'g-1',
      stage: 'action',
      importance: 5,
      confidence: 5,
      at: AT,
    };
    spec
      .given([opened, goalSet])
      .when({ ...rate, importance: 11 })
      .thenRefuses('OUT_OF_RANGE', 'importance');
    spec
      .given([opened, goalSet])
      .when({ ...rate, confidence: 2.5 })
      .thenRefuses('OUT_OF_RANGE', 'confidence');
    spec
      .given([opened, goalSet])
      .when({ ...rate, stage: 'ready' })
      .thenRefuses('INVALID_VALUE', 'stage');
    spec.given([opened]).when(rate).thenRefuses('GOAL_NOT_FOUND', 'goalId');
    spec
      .given([opened, goalSet])
      .when({ kind: 'setGoal', goalId: 'g-1', inClientsWords: 'again', at: AT })
      .thenRefuses('DUPLICATE_ID', 'goalId');
  });

  it('plans actions with an owner and a date, and records the client’s agreement once there is a goal', () => {
    const action: CarePlanCommand = {
      kind: 'planAction',
      actionId: 'act-1',
      goalId: 'g-1',
      description: 'Call the walking group together',
      owner: 'link-worker',
      due: '2026-03-05',
    };
    spec
      .given([opened, goalSet])
      .when(action)
      .then([
        {
          type: 'care-plans.ActionPlanned',
          data: {
            actionId: 'act-1',
            goalId: 'g-1',
            description: 'Call the walking group together',
            owner: 'link-worker',
            due: '2026-03-05',
          },
        },
      ]);
    spec
      .given([opened, goalSet])
      .when({ ...action, due: '2026-02-30' })
      .thenRefuses('INVALID_DATE', 'due');
    spec
      .given([opened, goalSet])
      .when({ ...action, owner: 'nobody' })
      .thenRefuses('INVALID_VALUE', 'owner');
    spec.given([opened]).when({ kind: 'agree', at: AT }).thenRefuses('NO_GOALS', 'goals');
    spec
      .given([opened, goalSet])
      .when({ kind: 'agree', at: AT })
      .then([{ type: 'care-plans.PlanAgreed', data: { agreedAt: AT } }]);
  });

  it('prescribes a resource for a need, and follows it up', () => {
    const prescribe: CarePlanCommand = {
      kind: 'prescribe',
      prescriptionId: 'rx-1',
      goalId: 'g-1',
      need: 'social-connection',
      resourceName: 'Tuesday walking group',
      partnerOrganizationId: 'greenway-seniors-centre',
      followUpOn: '2026-03-15',
      at: AT,
    };
    spec.given([opened, goalSet]).when(prescribe).then([prescribed]);
    spec
      .given([opened, goalSet])
      .when({ ...prescribe, need: 'dragons' })
      .thenRefuses('UNKNOWN_NEED', 'need');
    spec.given([opened]).when(prescribe).thenRefuses('GOAL_NOT_FOUND', 'goalId');
    const followUp: CarePlanCommand = {
      kind: 'followUp',
      prescriptionId: 'rx-1',
      attended: true,
      note: 'Went twice; liked it.',
      at: AT,
    };
    spec
      .given([opened, goalSet, prescribed])
      .when(followUp)
      .then([
        {
          type: 'care-plans.PrescriptionFollowedUp',
          data: { prescriptionId: 'rx-1', attended: true, note: 'Went twice; liked it.', followedUpAt: AT },
        },
      ]);
    spec.given([opened, goalSet]).when(followUp).thenRefuses('PRESCRIPTION_NOT_FOUND', 'prescriptionId');
  });

  it('records outcome measures scored at baseline, then a follow-up of the same measure only', () => {
    const baseline: CarePlanCommand = {
      kind: 'recordOutcome',
      measurementId: 'm-1',
      timepoint: 'baseline',
      answers: ucla(3, 3, 2),
      at: AT,
    };
    const [recorded] = spec.given([opened]).when(baseline).events();
    expect(recorded).toEqual({
      type: 'care-plans.OutcomeRecorded',
      data: {
        measurementId: 'm-1',
        timepoint: 'baseline',
        result: {
          measure: 'UCLA3',
          items: { lackCompanionship: 3, leftOut: 3, isolated: 2 },
          total: 8,
          band: 'lonely',
        },
        recordedAt: AT,
      },
    });
    const followUp: CarePlanCommand = {
      ...baseline,
      measurementId: 'm-2',
      timepoint: 'follow-up',
      answers: ucla(2, 1, 1),
    };
    spec.given([opened]).when(followUp).thenRefuses('NO_BASELINE', 'timepoint');
    spec
      .given([opened, recorded!])
      .when({ ...baseline, measurementId: 'm-3' })
      .thenRefuses('BASELINE_EXISTS', 'timepoint');
    spec
      .given([opened, recorded!])
      .when({ ...followUp, answers: ucla(2, 4, 1) })
      .thenRefuses('OUT_OF_RANGE', 'answers.items.leftOut');
    expect(spec.given([opened, recorded!]).when(followUp).events()).toHaveLength(1);
  });

  it('reviews and closes the plan with a reason', () => {
    spec
      .given([opened])
      .when({ kind: 'review', reviewId: 'rv-1', summary: 'Walking group going well.', at: AT })
      .then([
        {
          type: 'care-plans.PlanReviewed',
          data: { reviewId: 'rv-1', summary: 'Walking group going well.', reviewedAt: AT },
        },
      ]);
    spec.given([opened]).when({ kind: 'close', reason: 'goals-met', at: AT }).then([closed]);
    spec
      .given([opened])
      .when({ kind: 'close', reason: 'bored', at: AT })
      .thenRefuses('INVALID_VALUE', 'reason');
  });

  it('records coaching and motivational interviewing sessions, about a goal or the plan', () => {
    const session: CarePlanCommand = {
      kind: 'recordSession',
      sessionId: 's-1',
      sessionKind: 'motivational-interviewing',
      goalId: 'g-1',
      notes: 'Talked through what walking would change.',
      at: AT,
    };
    spec
      .given([opened, goalSet])
      .when(session)
      .then([
        {
          type: 'care-plans.SessionRecorded',
          data: {
            sessionId: 's-1',
            kind: 'motivational-interviewing',
            goalId: 'g-1',
            notes: 'Talked through what walking would change.',
            heldAt: AT,
          },
        },
      ]);
    spec
      .given([opened, goalSet])
      .when({ ...session, sessionKind: 'therapy' })
      .thenRefuses('INVALID_VALUE', 'kind');
    spec.given([opened]).when(session).thenRefuses('GOAL_NOT_FOUND', 'goalId');
    spec
      .given([opened, goalSet])
      .when({ ...session, notes: '' })
      .thenRefuses('REQUIRED', 'notes');
  });

  it('adds navigation tasks and follows their status, with the barriers met', () => {
    const added: CarePlanEvent = {
      type: 'care-plans.NavigationTaskAdded',
      data: {
        taskId: 't-1',
        kind: 'transport',
        description: 'Book the accessible bus',
        due: '2026-03-04',
        addedAt: AT,
      },
    };
    spec
      .given([opened])
      .when({
        kind: 'addTask',
        taskId: 't-1',
        taskKind: 'transport',
        description: 'Book the accessible bus',
        due: '2026-03-04',
        at: AT,
      })
      .then([added]);
    spec
      .given([opened, added])
      .when({
        kind: 'updateTask',
        taskId: 't-1',
        status: 'done',
        barrier: 'The first booking line was closed',
        at: AT,
      })
      .then([
        {
          type: 'care-plans.NavigationTaskUpdated',
          data: {
            taskId: 't-1',
            status: 'done',
            barrier: 'The first booking line was closed',
            updatedAt: AT,
          },
        },
      ]);
    spec
      .given([opened])
      .when({ kind: 'updateTask', taskId: 't-1', status: 'done', at: AT })
      .thenRefuses('TASK_NOT_FOUND', 'taskId');
    spec
      .given([opened, added])
      .when({ kind: 'updateTask', taskId: 't-1', status: 'lost', at: AT })
      .thenRefuses('INVALID_VALUE', 'status');
  });
});
