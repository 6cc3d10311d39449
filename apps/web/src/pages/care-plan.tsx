import { useEffect, useId, useState, type ReactNode, type SyntheticEvent } from 'react';
import { useClient, useQuery, type AnyVariables, type DocumentInput } from 'urql';
import { describedBy, FieldProblems, FormProblems, problemsOf, type Problem } from '../forms/api-errors';
import { graphql } from '../gql';
import { useMessages } from '../i18n';
import { Link } from '../router';
import { NEEDS } from './intake';
import { PageHeading } from './page-heading';
import { QueryProblem } from './query-problem';

const CarePlanQuery = graphql(`
  query CarePlanPage($clientId: ID!) {
    client(clientId: $clientId) {
      clientId
      givenName
      familyName
      needs
      preferredLanguage
    }
    carePlan(clientId: $clientId) {
      planId
      status
      openedAt
      agreedAt
      closedAt
      closeReason
      closeNote
      whatMattersToMe
      strengths
      needs {
        need
        priority
      }
      goals {
        goalId
        inClientsWords
        readiness {
          stage
          importance
          confidence
          ratedAt
        }
      }
      prescriptions {
        prescriptionId
        need
        resourceName
        partnerOrganizationId
        followUpOn
        prescribedAt
        followUps {
          attended
          note
          followedUpAt
        }
        referral {
          status
          since
          history {
            status
            enteredAt
            by
            reason
          }
        }
      }
      outcomes {
        measurementId
        measure
        timepoint
        recordedAt
        scores {
          name
          value
          band
        }
      }
      changes {
        measure
        name
        baseline
        followUp
        change
        direction
      }
      actions {
        actionId
        goalId
        description
        owner
        due
      }
      navigationTasks {
        taskId
        kind
        description
        due
        status
        barriers
      }
      reviews {
        reviewId
        summary
        reviewedAt
      }
    }
    partners(first: 200) {
      items {
        partnerId
        alias
        name
      }
    }
  }
`);

const OpenPlan = graphql(`
  mutation OpenCarePlan($input: OpenCarePlanInput!) {
    openCarePlan(input: $input) {
      version
    }
  }
`);
const AssessNeeds = graphql(`
  mutation AssessNeeds($input: AssessNeedsInput!) {
    assessNeeds(input: $input) {
      version
    }
  }
`);
const SetGoal = graphql(`
  mutation SetGoal($input: SetGoalInput!) {
    setGoal(input: $input) {
      version
    }
  }
`);
const RateReadiness = graphql(`
  mutation RateReadiness($input: RateReadinessInput!) {
    rateReadiness(input: $input) {
      version
    }
  }
`);
const RecordAgreement = graphql(`
  mutation RecordPlanAgreement($input: ClientRefInput!) {
    recordPlanAgreement(input: $input) {
      version
    }
  }
`);
const Prescribe = graphql(`
  mutation PrescribeResource($input: PrescribeInput!) {
    prescribeResource(input: $input) {
      version
    }
  }
`);
const FollowUp = graphql(`
  mutation RecordFollowUp($input: FollowUpInput!) {
    recordFollowUp(input: $input) {
      version
    }
  }
`);
const RecordOutcome = graphql(`
  mutation RecordOutcome($input: RecordOutcomeInput!) {
    recordOutcome(input: $input) {
      version
    }
  }
`);
const PlanAction = graphql(`
  mutation PlanAction($input: PlanActionInput!) {
    planAction(input: $input) {
      version
    }
  }
`);
const AddNavigationTask = graphql(`
  mutation AddNavigationTask($input: AddNavigationTaskInput!) {
    addNavigationTask(input: $input) {
      version
    }
  }
`);
const UpdateNavigationTask = graphql(`
  mutation UpdateNavigationTask($input: UpdateNavigationTaskInput!) {
    updateNavigationTask(input: $input) {
      version
    }
  }
`);
const ReviewPlan = graphql(`
  mutation ReviewPlan($input: ReviewPlanInput!) {
    reviewPlan(input: $input) {
      version
    }
  }
`);
const ClosePlan = graphql(`
  mutation ClosePlan($input: ClosePlanInput!) {
    closePlan(input: $input) {
      version
    }
  }
`);
const MatchResources = graphql(`
  query MatchResources($input: MatchResourcesInput!) {
    matchResources(input: $input, first: 20) {
      items {
        serviceId
        serviceName
        organizationId
        organizationName
        locationId
        locationName
        distanceKm
      }
    }
  }
`);

/** How long a saved change is waited for in the plan (the read model follows the events): a minute. */
const MAX_TRIES = 240;

const PRIORITIES = ['high', 'medium', 'low'] as const;
const STAGES = ['precontemplation', 'contemplation', 'preparation', 'action', 'maintenance'] as const;
const CLOSURE_REASONS = ['goals-met', 'client-withdrew', 'transferred', 'no-contact', 'other'] as const;
const UCLA3_ITEMS = ['lackCompanionship', 'leftOut', 'isolated'] as const;
const ONS4_ITEMS = ['lifeSatisfaction', 'worthwhile', 'happy', 'anxious'] as const;
const ACTION_OWNERS = ['client', 'link-worker', 'caregiver', 'partner'] as const;
const TASK_KINDS = ['accompany', 'transport', 'forms', 'other'] as const;
const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
/** The directory's shared vocabularies (apps/partners/src/directory/hsds/taxonomies.ts): codes matched as given. */
const ACCESSIBILITY_FEATURES = [
  'wheelchair-accessible',
  'accessible-washroom',
  'hearing-loop',
  'asl-interpretation',
  'large-print',
  'quiet-space',
] as const;
const CULTURAL_ATTRIBUTES = [
  'indigenous-led',
  'newcomer-serving',
  '2slgbtqia-affirming',
  'faith-based',
  'women-only',
  'youth-led',
  'trauma-informed',
] as const;
/** Radii offered for a search near the device's position, in kilometres (the API's default is 25). */
const RADII_KM = [5, 10, 25, 50] as const;
const RULER = Array.from({ length: 11 }, (_, value) => value);

type Save = <Data, Variables extends AnyVariables>(
  document: DocumentInput<Data, Variables>,
  variables: Variables,
) => Promise<readonly Problem[]>;

/** A form's save: the mutation, then the page reloads the plan until it shows the change. */
function useSave(onSaved: () => void): Save {
  const client = useClient();
  return async (document, variables) => {
    const result = await client.mutation(document, variables).toPromise();
    if (result.error) return problemsOf(result.error);
    onSaved();
    return [];
  };
}

function Card({
  id,
  title,
  children,
}: {
  readonly id: string;
  readonly title: string;
  readonly children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="card wide">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** A labelled field with its problems: the control is given its id and `aria-describedby`. */
function FormField({
  id,
  label,
  field,
  problems,
  hint,
  children,
}: {
  readonly id: string;
  readonly label: string;
  readonly field: string;
  readonly problems: readonly Problem[];
  readonly hint?: string;
  readonly children: (props: {
    id: string;
    'aria-invalid': boolean | undefined;
    'aria-describedby': string | undefined;
  }) => ReactNode;
}) {
  const described = [hint ? `${id}-hint` : undefined, describedBy(problems, field, `${id}-error`)]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        'aria-invalid': problems.some((problem) => problem.field === field) || undefined,
        'aria-describedby': described || undefined,
      })}
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      <FieldProblems id={`${id}-error`} problems={problems} field={field} />
    </div>
  );
}

/** The day (UTC, as the API's YYYY-MM-DD dates are) `offsetDays` from now. */
export const today = (offsetDays = 0): string =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** The care plan: co-created with the client, from the needs to the closure. */
export function CarePlanPage({ clientId }: { readonly clientId: string }) {
  const { t, label, date, dateTime, intl } = useMessages();
  const id = useId();
  const [{ data, error, fetching }, refetch] = useQuery({ query: CarePlanQuery, variables: { clientId } });
  // The plan as it was before the last save: reloaded until it differs (the read model follows the events).
  const [before, setBefore] = useState<string | undefined>();
  const [tries, setTries] = useState(0);
  const shown = JSON.stringify(data?.carePlan ?? null);
  const waiting = before !== undefined && shown === before && tries <= MAX_TRIES;
  useEffect(() => {
    if (!waiting || fetching) return undefined;
    const timer = window.setTimeout(() => {
      setTries((count) => count + 1);
      refetch({ requestPolicy: 'network-only' });
    }, 250);
    return () => {
      window.clearTimeout(timer);
    };
  }, [waiting, fetching, tries, refetch]);
  const save = useSave(() => {
    setTries(0);
    setBefore(shown);
  });
  const back = (
    <p>
      <Link to={`/clients/${encodeURIComponent(clientId)}`}>{t('plan.backToFile')}</Link>
    </p>
  );
  if (!data && fetching) return <p role="status">{t('app.loading')}</p>;
  if (error && !data)
    return (
      <>
        {back}
        <QueryProblem error={error} />
      </>
    );
  const client = data?.client;
  if (!client)
    return (
      <>
        {back}
        <PageHeading>{t('app.notFound')}</PageHeading>
      </>
    );
  const name = [client.givenName, client.familyName].filter(Boolean).join(' ');
  const plan = data.carePlan;
  const partners = data.partners.items;
  const partnerName = (alias: string) =>
    partners.find((partner) => partner.alias === alias)?.name ?? label('organization', alias);
  const updating = waiting && <p role="status">{t('plan.updating')}</p>;
  if (!plan)
    return (
      <>
        {back}
        <PageHeading>{t('plan.title', { name })}</PageHeading>
        <p>{t('plan.none')}</p>
        <SaveButton
          label={t('plan.open')}
          onSave={() => save(OpenPlan, { input: { clientId, commandId: crypto.randomUUID() } })}
        />
        {updating}
      </>
    );
  const open = plan.status === 'open';
  return (
    <>
      {back}
      <PageHeading>{t('plan.title', { name })}</PageHeading>
      <p className="muted">
        {open
          ? t('plan.openSince', { date: date(plan.openedAt) })
          : t('plan.closedOn', { date: date(plan.closedAt ?? plan.openedAt) })}
      </p>
      {plan.agreedAt && <p className="muted">{t('plan.agreedOn', { date: date(plan.agreedAt) })}</p>}
      {updating}
      {!open && (
        <Card id={`${id}-closure`} title={t('plan.closure')}>
          <dl>
            <div className="field">
              <dt>{t('plan.closeReason')}</dt>
              <dd>{plan.closeReason ? label('closure', plan.closeReason) : t('client.notRecorded')}</dd>
            </div>
            <div className="field">
              <dt>{t('plan.closeNote')}</dt>
              <dd>{plan.closeNote ?? t('client.notRecorded')}</dd>
            </div>
          </dl>
        </Card>
      )}

      <Card id={`${id}-needs`} title={t('plan.needs')}>
        {plan.needs.length > 0 && (
          <ul>
            {plan.needs.map((rating) => (
              <li key={rating.need}>
                {t('plan.needRating', {
                  need: label('need', rating.need),
                  priority: label('priority', rating.priority),
                })}
              </li>
            ))}
          </ul>
        )}
        <dl>
          <div className="field">
            <dt>{t('plan.whatMatters')}</dt>
            <dd>{plan.whatMattersToMe ?? t('client.notRecorded')}</dd>
          </div>
          <div className="field">
            <dt>{t('plan.strengths')}</dt>
            <dd>{plan.strengths.length ? intl.formatList(plan.strengths) : t('client.notRecorded')}</dd>
          </div>
        </dl>
        {open && (
          <NeedsForm
            clientNeeds={[...new Set([...client.needs, ...plan.needs.map((rating) => rating.need)])]}
            onSave={(input) => save(AssessNeeds, { input: { clientId, ...input } })}
          />
        )}
      </Card>

      <Card id={`${id}-goals`} title={t('plan.goals')}>
        {plan.goals.length === 0 && <p>{t('plan.noGoals')}</p>}
        {plan.goals.map((goal) => (
          <div key={goal.goalId} className="goal">
            <h3>
              <q>{goal.inClientsWords}</q>
            </h3>
            {goal.readiness.length > 0 && (
              <div
                className="table-scroll"
                role="region"
                aria-label={t('plan.readinessOf', { goal: goal.inClientsWords })}
                tabIndex={0}
              >
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('plan.ratedAt')}</th>
                      <th scope="col">{t('plan.stage')}</th>
                      <th scope="col">{t('plan.importance')}</th>
                      <th scope="col">{t('plan.confidence')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {goal.readiness.map((rating) => (
                      <tr key={rating.ratedAt}>
                        <th scope="row">{dateTime(rating.ratedAt)}</th>
                        <td>{label('stage', rating.stage)}</td>
                        <td className="number">{intl.formatNumber(rating.importance)}</td>
                        <td className="number">{intl.formatNumber(rating.confidence)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {open && (
              <ReadinessForm
                goal={goal.inClientsWords}
                onSave={(input) =>
                  save(RateReadiness, { input: { clientId, goalId: goal.goalId, ...input } })
                }
              />
            )}
          </div>
        ))}
        {open && (
          <GoalForm
            onSave={(inClientsWords) =>
              save(SetGoal, {
                input: {
                  clientId,
                  goalId: crypto.randomUUID(),
                  inClientsWords,
                  commandId: crypto.randomUUID(),
                },
              })
            }
          />
        )}
        {open && !plan.agreedAt && plan.goals.length > 0 && (
          <SaveButton
            label={t('plan.recordAgreement')}
            onSave={() => save(RecordAgreement, { input: { clientId, commandId: crypto.randomUUID() } })}
          />
        )}
      </Card>

      <Card id={`${id}-prescriptions`} title={t('plan.prescriptions')}>
        {plan.prescriptions.length === 0 && <p>{t('plan.noPrescriptions')}</p>}
        {plan.prescriptions.map((prescription) => (
          <article
            key={prescription.prescriptionId}
            className="prescription"
            aria-labelledby={`${id}-rx-${prescription.prescriptionId}`}
          >
            <h3 id={`${id}-rx-${prescription.prescriptionId}`}>{prescription.resourceName}</h3>
            <p>
              {prescription.partnerOrganizationId
                ? t('plan.prescribedTo', {
                    need: label('need', prescription.need),
                    partner: partnerName(prescription.partnerOrganizationId),
                    date: date(prescription.prescribedAt),
                  })
                : t('plan.prescribedOwn', {
                    need: label('need', prescription.need),
                    date: date(prescription.prescribedAt),
                  })}
            </p>
            <p>{t('plan.followUpOn', { date: date(`${prescription.followUpOn}T12:00:00Z`) })}</p>
            {prescription.referral && (
              <>
                <p>
                  <span className={`badge badge-status-${prescription.referral.status}`}>
                    {label('status', prescription.referral.status)}
                  </span>{' '}
                  {t('inbox.since', { date: date(prescription.referral.since) })}
                </p>
                <h4>{t('plan.trail')}</h4>
                <ol className="timeline">
                  {prescription.referral.history.map((entry) => (
                    <li key={`${entry.status}-${entry.enteredAt}`}>
                      {t(entry.by === 'receiver' ? 'plan.trailByPartner' : 'plan.trailByUs', {
                        status: label('status', entry.status),
                        date: dateTime(entry.enteredAt),
                      })}
                      {entry.reason && (
                        <>
                          <br />
                          <span className="muted">
                            {t('plan.reason', { reason: label('reason', entry.reason) })}
                          </span>
                        </>
                      )}
                    </li>
                  ))}
                </ol>
              </>
            )}
            {prescription.followUps.length > 0 && (
              <>
                <h4>{t('plan.followUps')}</h4>
                <ul>
                  {prescription.followUps.map((followUp) => (
                    <li key={followUp.followedUpAt}>
                      {t(followUp.attended ? 'plan.attended' : 'plan.notAttended', {
                        date: date(followUp.followedUpAt),
                      })}
                      {followUp.note && (
                        <>
                          <br />
                          {followUp.note}
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              </>
            )}
            {open && (
              <FollowUpForm
                resource={prescription.resourceName}
                onSave={(input) =>
                  save(FollowUp, {
                    input: {
                      clientId,
                      prescriptionId: prescription.prescriptionId,
                      ...input,
                      commandId: crypto.randomUUID(),
                    },
                  })
                }
              />
            )}
          </article>
        ))}
        {open && (
          <PrescribeForm
            clientNeeds={client.needs}
            language={client.preferredLanguage ?? undefined}
            partners={partners}
            onSave={(input) =>
              save(Prescribe, {
                input: {
                  clientId,
                  prescriptionId: crypto.randomUUID(),
                  ...input,
                  commandId: crypto.randomUUID(),
                },
              })
            }
          />
        )}
      </Card>

      <Card id={`${id}-actions`} title={t('plan.actions')}>
        {plan.actions.length === 0 ? (
          <p>{t('plan.noActions')}</p>
        ) : (
          <div className="table-scroll" role="region" aria-labelledby={`${id}-actions-caption`} tabIndex={0}>
            <table>
              <caption id={`${id}-actions-caption`}>{t('plan.actionsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('plan.action')}</th>
                  <th scope="col">{t('plan.towardsGoal')}</th>
                  <th scope="col">{t('plan.owner')}</th>
                  <th scope="col">{t('plan.due')}</th>
                </tr>
              </thead>
              <tbody>
                {plan.actions.map((action) => (
                  <tr key={action.actionId}>
                    <th scope="row">{action.description}</th>
                    <td>{plan.goals.find((goal) => goal.goalId === action.goalId)?.inClientsWords ?? '—'}</td>
                    <td>{label('owner', action.owner)}</td>
                    <td>{date(`${action.due}T12:00:00Z`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {open && plan.goals.length > 0 && (
          <ActionForm
            goals={plan.goals}
            onSave={(input) =>
              save(PlanAction, {
                input: { clientId, actionId: crypto.randomUUID(), ...input, commandId: crypto.randomUUID() },
              })
            }
          />
        )}
      </Card>

      <Card id={`${id}-tasks`} title={t('plan.tasks')}>
        {plan.navigationTasks.length === 0 && <p>{t('plan.noTasks')}</p>}
        {plan.navigationTasks.map((task) => (
          <article key={task.taskId} className="task" aria-labelledby={`${id}-task-${task.taskId}`}>
            <h3 id={`${id}-task-${task.taskId}`}>
              {t('plan.taskTitle', { kind: label('taskKind', task.kind), description: task.description })}
            </h3>
            <p>
              <span className={`badge badge-task-${task.status}`}>{label('taskStatus', task.status)}</span>{' '}
              {t('plan.dueOn', { date: date(`${task.due}T12:00:00Z`) })}
            </p>
            {task.barriers.length > 0 && (
              <>
                <h4>{t('plan.barriers')}</h4>
                <ol>
                  {task.barriers.map((barrier, index) => (
                    // Barriers are recorded in order and never edited: the position is their identity.
                    <li key={index}>{barrier}</li>
                  ))}
                </ol>
              </>
            )}
            {open && (
              <TaskUpdateForm
                task={task.description}
                status={task.status}
                onSave={(input) =>
                  save(UpdateNavigationTask, {
                    input: { clientId, taskId: task.taskId, ...input, commandId: crypto.randomUUID() },
                  })
                }
              />
            )}
          </article>
        ))}
        {open && (
          <TaskForm
            onSave={(input) =>
              save(AddNavigationTask, {
                input: { clientId, taskId: crypto.randomUUID(), ...input, commandId: crypto.randomUUID() },
              })
            }
          />
        )}
      </Card>

      <Card id={`${id}-reviews`} title={t('plan.reviews')}>
        {plan.reviews.length === 0 ? (
          <p>{t('plan.noReviews')}</p>
        ) : (
          <ol className="timeline">
            {plan.reviews.map((review) => (
              <li key={review.reviewId}>
                <strong>{dateTime(review.reviewedAt)}</strong>
                <br />
                {review.summary}
              </li>
            ))}
          </ol>
        )}
        {open && (
          <ReviewForm
            onSave={(summary) =>
              save(ReviewPlan, {
                input: { clientId, reviewId: crypto.randomUUID(), summary, commandId: crypto.randomUUID() },
              })
            }
          />
        )}
      </Card>

      <Card id={`${id}-outcomes`} title={t('plan.outcomes')}>
        {plan.changes.length > 0 && (
          <div className="table-scroll" role="region" aria-labelledby={`${id}-changes`} tabIndex={0}>
            <table>
              <caption id={`${id}-changes`}>{t('plan.changes')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('plan.score')}</th>
                  <th scope="col">{t('plan.baseline')}</th>
                  <th scope="col">{t('plan.followUp')}</th>
                  <th scope="col">{t('plan.change')}</th>
                </tr>
              </thead>
              <tbody>
                {plan.changes.map((change) => (
                  <tr key={`${change.measure}-${change.name}`}>
                    <th scope="row">
                      {t('plan.scoreName', { measure: change.measure, score: label('score', change.name) })}
                    </th>
                    <td className="number">{intl.formatNumber(change.baseline)}</td>
                    <td className="number">{intl.formatNumber(change.followUp)}</td>
                    <td>
                      {t('plan.changeValue', {
                        change: intl.formatNumber(change.change, { signDisplay: 'exceptZero' }),
                        direction: label('direction', change.direction),
                      })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {plan.outcomes.length > 0 && (
          <ul>
            {plan.outcomes.map((outcome) => (
              <li key={outcome.measurementId}>
                {t('plan.outcomeLine', {
                  measure: outcome.measure,
                  timepoint: label('timepoint', outcome.timepoint),
                  date: date(outcome.recordedAt),
                  scores: intl.formatList(
                    outcome.scores.map((score) =>
                      t('plan.scoreValue', {
                        score: label('score', score.name),
                        value: intl.formatNumber(score.value),
                      }),
                    ),
                  ),
                })}
              </li>
            ))}
          </ul>
        )}
        {open && (
          <OutcomeForm
            hasBaseline={(measure) =>
              plan.outcomes.some((outcome) => outcome.measure === measure && outcome.timepoint === 'baseline')
            }
            onSave={(input) =>
              save(RecordOutcome, {
                input: {
                  clientId,
                  measurementId: crypto.randomUUID(),
                  ...input,
                  commandId: crypto.randomUUID(),
                },
              })
            }
          />
        )}
      </Card>

      {open && (
        <Card id={`${id}-close`} title={t('plan.close')}>
          <CloseForm
            onSave={(input) =>
              save(ClosePlan, { input: { clientId, ...input, commandId: crypto.randomUUID() } })
            }
          />
        </Card>
      )}
    </>
  );
}

/** A one-click save, its refusals beside it. */
function SaveButton({
  label,
  onSave,
}: {
  readonly label: string;
  readonly onSave: () => Promise<readonly Problem[]>;
}) {
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const [busy, setBusy] = useState(false);
  return (
    <div className="form-field">
      <FormProblems problems={problems} fields={[]} />
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void onSave().then((found) => {
              setBusy(false);
              setProblems(found);
            });
          }}
        >
          {label}
        </button>
      </div>
    </div>
  );
}

/** A form that keeps its values when the save is refused, and clears them once saved. */
function useForm(onSave: () => Promise<readonly Problem[]>, reset: () => void) {
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const [busy, setBusy] = useState(false);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    setBusy(true);
    void onSave().then((found) => {
      setBusy(false);
      setProblems(found);
      if (found.length === 0) reset();
    });
  };
  return { problems, busy, submit };
}

function NeedsForm({
  clientNeeds,
  onSave,
}: {
  readonly clientNeeds: readonly string[];
  readonly onSave: (input: {
    assessmentId: string;
    needs: { need: string; priority: string }[];
    whatMattersToMe: string;
    strengths: string[];
    commandId: string;
  }) => Promise<readonly Problem[]>;
}) {
  const { t, label } = useMessages();
  const id = useId();
  const [priorities, setPriorities] = useState<Readonly<Record<string, string>>>({});
  const [whatMatters, setWhatMatters] = useState('');
  const [strengths, setStrengths] = useState('');
  const { problems, busy, submit } = useForm(
    () =>
      onSave({
        assessmentId: crypto.randomUUID(),
        needs: Object.entries(priorities)
          .filter(([, priority]) => priority)
          .map(([need, priority]) => ({ need, priority })),
        whatMattersToMe: whatMatters,
        strengths: strengths
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
        commandId: crypto.randomUUID(),
      }),
    () => {
      setPriorities({});
      setWhatMatters('');
      setStrengths('');
    },
  );
  return (
    <form onSubmit={submit} noValidate className="plan-form">
      <fieldset>
        <legend>{t('plan.assess')}</legend>
        <div className="form-row">
          {[...new Set([...clientNeeds, ...NEEDS])].map((need) => (
            <FormField
              key={need}
              id={`${id}-${need}`}
              label={t('plan.priorityOf', { need: label('need', need) })}
              field="needs"
              problems={[]}
            >
              {(props) => (
                <select
                  {...props}
                  value={priorities[need] ?? ''}
                  onChange={(event) => {
                    setPriorities((known) => ({ ...known, [need]: event.target.value }));
                  }}
                >
                  <option value="">{t('plan.notANeed')}</option>
                  {PRIORITIES.map((priority) => (
                    <option key={priority} value={priority}>
                      {label('priority', priority)}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
          ))}
        </div>
        <FieldProblems id={`${id}-needs-error`} problems={problems} field="needs" />
        <FormField
          id={`${id}-matters`}
          label={t('plan.whatMattersLabel')}
          field="whatMattersToMe"
          problems={problems}
        >
          {(props) => (
            <textarea
              {...props}
              rows={2}
              value={whatMatters}
              onChange={(event) => {
                setWhatMatters(event.target.value);
              }}
            />
          )}
        </FormField>
        <FormField
          id={`${id}-strengths`}
          label={t('plan.strengthsLabel')}
          hint={t('plan.strengthsHint')}
          field="strengths"
          problems={problems}
        >
          {(props) => (
            <textarea
              {...props}
              rows={2}
              value={strengths}
              onChange={(event) => {
                setStrengths(event.target.value);
              }}
            />
          )}
        </FormField>
        <FormProblems problems={problems} fields={['needs', 'whatMattersToMe', 'strengths']} />
        <button type="submit" className="primary" disabled={busy}>
          {t('plan.saveAssessment')}
        </button>
      </fieldset>
    </form>
  );
}

function GoalForm({ onSave }: { readonly onSave: (inClientsWords: string) => Promise<readonly Problem[]> }) {
  const { t } = useMessages();
  const id = useId();
  const [words, setWords] = useState('');
  const { problems, busy, submit } = useForm(
    () => onSave(words),
    () => {
      setWords('');
    },
  );
  return (
    <form onSubmit={submit} noValidate className="plan-form">
      <FormField
        id={`${id}-goal`}
        label={t('plan.goalLabel')}
        hint={t('plan.goalHint')}
        field="inClientsWords"
        problems={problems}
      >
        {(props) => (
          <input
            {...props}
            value={words}
            onChange={(event) => {
              setWords(event.target.value);
            }}
          />
        )}
      </FormField>
      <FormProblems problems={problems} fields={['inClientsWords']} />
      <button type="submit" disabled={busy}>
        {t('plan.addGoal')}
      </button>
    </form>
  );
}

function RulerSelect({
  value,
  onChange,
  ...props
}: {
  readonly id: string;
  readonly value: number;
  readonly onChange: (value: number) => void;
  readonly 'aria-invalid': boolean | undefined;
  readonly 'aria-describedby': string | undefined;
}) {
  const { intl } = useMessages();
  return (
    <select
      {...props}
      value={value}
      onChange={(event) => {
        onChange(Number(event.target.value));
      }}
    >
      {RULER.map((point) => (
        <option key={point} value={point}>
          {intl.formatNumber(point)}
        </option>
      ))}
    </select>
  );
}

function ReadinessForm({
  goal,
  onSave,
}: {
  readonly goal: string;
  readonly onSave: (input: {
    stage: string;
    importance: number;
    confidence: number;
    commandId: string;
  }) => Promise<readonly Problem[]>;
}) {
  const { t, label } = useMessages();
  const id = useId();
  const [stage, setStage] = useState('');
  const [importance, setImportance] = useState(5);
  const [confidence, setConfidence] = useState(5);
  const { problems, busy, submit } = useForm(
    () => onSave({ stage, importance, confidence, commandId: crypto.randomUUID() }),
    () => {
      setStage('');
    },
  );
  return (
    <form onSubmit={submit} noValidate className="plan-form">
      <fieldset>
        <legend>{t('plan.rateReadiness', { goal })}</legend>
        <div className="form-row">
          <FormField id={`${id}-stage`} label={t('plan.stage')} field="stage" problems={problems}>
            {(props) => (
              <select
                {...props}
                value={stage}
                onChange={(event) => {
                  setStage(event.target.value);
                }}
              >
                <option value="">{t('form.choose')}</option>
                {STAGES.map((code) => (
                  <option key={code} value={code}>
                    {label('stage', code)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField
            id={`${id}-importance`}
            label={t('plan.importanceRuler')}
            field="importance"
            problems={problems}
          >
            {(props) => <RulerSelect {...props} value={importance} onChange={setImportance} />}
          </FormField>
          <FormField
            id={`${id}-confidence`}
            label={t('plan.confidenceRuler')}
            field="confidence"
            problems={problems}
          >
            {(props) => <RulerSelect {...props} value={confidence} onChange={setConfidence} />}
          </FormField>
        </div>
        <FormProblems problems={problems} fields={['stage', 'importance', 'confidence']} />
        <button type="submit" disabled={busy}>
          {t('plan.saveReadiness')}
        </button>
      </fieldset>
    </form>
  );
}

interface Match {
  readonly serviceId: string;
  readonly serviceName: string;
  readonly organizationName: string;
  readonly locationId?: string | null;
  readonly locationName?: string | null;
  readonly distanceKm?: number | null;
}

/** A result's key and radio value: with a point, a service may match at several of its locations. */
const matchKey = (match: Match): string => `${match.serviceId}/${match.locationId ?? ''}`;

/** The device's position (the browser asks the user first); the reason in words when there is none. */
const currentPosition = (): Promise<{ latitude: number; longitude: number }> =>
  new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) {
      reject(new Error('geolocation'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (position) => {
        resolve({ latitude: position.coords.latitude, longitude: position.coords.longitude });
      },
      (error) => {
        reject(new Error(error.message));
      },
      { timeout: 15_000, maximumAge: 300_000 },
    );
  });

/** A set of checkboxes over a fixed vocabulary, as one group with its legend. */
function CheckboxGroup({
  legend,
  prefix,
  codes,
  chosen,
  onChange,
}: {
  readonly legend: string;
  readonly prefix: string;
  readonly codes: readonly string[];
  readonly chosen: readonly string[];
  readonly onChange: (chosen: readonly string[]) => void;
}) {
  const { label } = useMessages();
  const id = useId();
  return (
    <fieldset>
      <legend>{legend}</legend>
      <div className="choices">
        {codes.map((code) => (
          <div className="choice" key={code}>
            <input
              type="checkbox"
              id={`${id}-${code}`}
              checked={chosen.includes(code)}
              onChange={(event) => {
                onChange(event.target.checked ? [...chosen, code] : chosen.filter((known) => known !== code));
              }}
            />
            <label htmlFor={`${id}-${code}`}>{label(prefix, code)}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

function PrescribeForm({
  clientNeeds,
  language,
  partners,
  onSave,
}: {
  readonly clientNeeds: readonly string[];
  readonly language: string | undefined;
  readonly partners: readonly { readonly alias: string; readonly name: string; readonly partnerId: string }[];
  readonly onSave: (input: {
    need: string;
    resourceName: string;
    serviceId: string;
    partnerOrganizationId: string | null;
    followUpOn: string;
  }) => Promise<readonly Problem[]>;
}) {
  const { t, label, language: languageName, intl } = useMessages();
  const id = useId();
  const urql = useClient();
  const [need, setNeed] = useState(clientNeeds[0] ?? 'food');
  const [inLanguage, setInLanguage] = useState(false);
  const [accessibility, setAccessibility] = useState<readonly string[]>([]);
  const [cultural, setCultural] = useState<readonly string[]>([]);
  const [nearMe, setNearMe] = useState(false);
  const [radiusKm, setRadiusKm] = useState<number>(25);
  const [locating, setLocating] = useState<'no' | 'yes' | { readonly failed: string }>('no');
  const [matches, setMatches] = useState<readonly Match[] | undefined>();
  const [searchProblems, setSearchProblems] = useState<readonly Problem[]>([]);
  const [chosen, setChosen] = useState<Match | undefined>();
  const [partner, setPartner] = useState('');
  const [followUpOn, setFollowUpOn] = useState(() => today(14));
  const search = async (event: SyntheticEvent) => {
    event.preventDefault();
    let near: { latitude: number; longitude: number; radiusKm: number } | undefined;
    if (nearMe) {
      setLocating('yes');
      try {
        near = { ...(await currentPosition()), radiusKm };
        setLocating('no');
      } catch (error) {
        setLocating({ failed: error instanceof Error ? error.message : String(error) });
        return;
      }
    }
    const answer = await urql
      .query(
        MatchResources,
        {
          input: {
            need,
            ...(inLanguage && language ? { languages: [language] } : {}),
            ...(accessibility.length > 0 ? { accessibility: [...accessibility] } : {}),
            ...(cultural.length > 0 ? { cultural: [...cultural] } : {}),
            ...(near ? { near } : {}),
          },
        },
        { requestPolicy: 'network-only' },
      )
      .toPromise();
    setSearchProblems(problemsOf(answer.error));
    setMatches(answer.data?.matchResources.items ?? []);
    setChosen(undefined);
  };
  const choose = (match: Match) => {
    setChosen(match);
    // The directory's organization, when it is a registered partner: the referral goes to it.
    const registered = partners.find(
      (known) => known.name.toLowerCase() === match.organizationName.toLowerCase(),
    );
    setPartner(registered?.alias ?? '');
  };
  const { problems, busy, submit } = useForm(
    () =>
      chosen
        ? onSave({
            need,
            resourceName: chosen.serviceName,
            serviceId: chosen.serviceId,
            partnerOrganizationId: partner || null,
            followUpOn,
          })
        : Promise.resolve([{ code: 'REQUIRED', field: 'serviceId' }]),
    () => {
      setMatches(undefined);
      setChosen(undefined);
    },
  );
  return (
    <div className="plan-form">
      <form onSubmit={(event) => void search(event)} noValidate>
        <fieldset>
          <legend>{t('plan.searchDirectory')}</legend>
          <div className="form-row">
            <FormField id={`${id}-need`} label={t('plan.forNeed')} field="need" problems={searchProblems}>
              {(props) => (
                <select
                  {...props}
                  value={need}
                  onChange={(event) => {
                    setNeed(event.target.value);
                  }}
                >
                  {NEEDS.map((code) => (
                    <option key={code} value={code}>
                      {label('need', code)}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
          </div>
          {language && (
            <div className="choice">
              <input
                type="checkbox"
                id={`${id}-language`}
                checked={inLanguage}
                onChange={(event) => {
                  setInLanguage(event.target.checked);
                }}
              />
              <label htmlFor={`${id}-language`}>
                {t('plan.inLanguage', { language: languageName(language) })}
              </label>
            </div>
          )}
          <CheckboxGroup
            legend={t('plan.accessibility')}
            prefix="access"
            codes={ACCESSIBILITY_FEATURES}
            chosen={accessibility}
            onChange={setAccessibility}
          />
          <CheckboxGroup
            legend={t('plan.cultural')}
            prefix="cultural"
            codes={CULTURAL_ATTRIBUTES}
            chosen={cultural}
            onChange={setCultural}
          />
          <div className="form-row">
            <div className="choice">
              <input
                type="checkbox"
                id={`${id}-near`}
                checked={nearMe}
                aria-describedby={`${id}-near-hint`}
                onChange={(event) => {
                  setNearMe(event.target.checked);
                }}
              />
              <label htmlFor={`${id}-near`}>{t('plan.nearMe')}</label>
            </div>
            <FormField id={`${id}-radius`} label={t('plan.radius')} field="near" problems={searchProblems}>
              {(props) => (
                <select
                  {...props}
                  value={radiusKm}
                  disabled={!nearMe}
                  onChange={(event) => {
                    setRadiusKm(Number(event.target.value));
                  }}
                >
                  {RADII_KM.map((km) => (
                    <option key={km} value={km}>
                      {intl.formatNumber(km, { style: 'unit', unit: 'kilometer' })}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
          </div>
          <p id={`${id}-near-hint`} className="hint">
            {t('plan.nearMeHint')}
          </p>
          {locating === 'yes' && <p role="status">{t('plan.locating')}</p>}
          {typeof locating === 'object' && (
            <p role="alert">{t('plan.noLocation', { message: locating.failed })}</p>
          )}
          <FormProblems problems={searchProblems} fields={['need', 'near']} />
          <button type="submit">{t('plan.search')}</button>
        </fieldset>
      </form>
      {matches && (
        <form onSubmit={submit} noValidate>
          <fieldset>
            <legend>{t('plan.results', { count: matches.length })}</legend>
            {matches.map((match, index) => (
              <div className="choice" key={matchKey(match)}>
                <input
                  type="radio"
                  id={`${id}-match-${index}`}
                  name={`${id}-match`}
                  checked={chosen !== undefined && matchKey(chosen) === matchKey(match)}
                  onChange={() => {
                    choose(match);
                  }}
                />
                <label htmlFor={`${id}-match-${index}`}>
                  {match.distanceKm !== null && match.distanceKm !== undefined
                    ? t('plan.matchNear', {
                        service: match.serviceName,
                        organization: match.organizationName,
                        location: match.locationName ?? match.organizationName,
                        distance: intl.formatNumber(match.distanceKm, {
                          style: 'unit',
                          unit: 'kilometer',
                          maximumFractionDigits: 1,
                        }),
                      })
                    : t('plan.match', { service: match.serviceName, organization: match.organizationName })}
                </label>
              </div>
            ))}
            <FieldProblems id={`${id}-service-error`} problems={problems} field="serviceId" />
          </fieldset>
          {chosen && (
            <div className="form-row">
              <FormField
                id={`${id}-partner`}
                label={t('plan.referTo')}
                hint={t('plan.referToHint')}
                field="partnerOrganizationId"
                problems={problems}
              >
                {(props) => (
                  <select
                    {...props}
                    value={partner}
                    onChange={(event) => {
                      setPartner(event.target.value);
                    }}
                  >
                    <option value="">{t('plan.noPartner')}</option>
                    {partners.map((known) => (
                      <option key={known.partnerId} value={known.alias}>
                        {known.name}
                      </option>
                    ))}
                  </select>
                )}
              </FormField>
              <FormField
                id={`${id}-followUpOn`}
                label={t('plan.followUpDate')}
                field="followUpOn"
                problems={problems}
              >
                {(props) => (
                  <input
                    {...props}
                    type="date"
                    value={followUpOn}
                    onChange={(event) => {
                      setFollowUpOn(event.target.value);
                    }}
                  />
                )}
              </FormField>
            </div>
          )}
          <FormProblems problems={problems} fields={['serviceId', 'partnerOrganizationId', 'followUpOn']} />
          <button type="submit" className="primary" disabled={busy}>
            {t('plan.prescribe')}
          </button>
        </form>
      )}
    </div>
  );
}

function FollowUpForm({
  resource,
  onSave,
}: {
  readonly resource: string;
  readonly onSave: (input: { attended: boolean; note: string }) => Promise<readonly Problem[]>;
}) {
  const { t } = useMessages();
  const id = useId();
  const [attended, setAttended] = useState<boolean | undefined>();
  const [note, setNote] = useState('');
  const { problems, busy, submit } = useForm(
    () =>
      attended === undefined
        ? Promise.resolve([{ code: 'REQUIRED', field: 'attended' }])
        : onSave({ attended, note }),
    () => {
      setAttended(undefined);
      setNote('');
    },
  );
  return (
    <form onSubmit={submit} noValidate className="plan-form">
      <fieldset>
        <legend>{t('plan.recordFollowUp', { resource })}</legend>
        <div className="choices" aria-describedby={describedBy(problems, 'attended', `${id}-attended-error`)}>
          {([true, false] as const).map((value) => (
            <div className="choice" key={String(value)}>
              <input
                type="radio"
                id={`${id}-attended-${String(value)}`}
                name={`${id}-attended`}
                checked={attended === value}
                onChange={() => {
                  setAttended(value);
                }}
              />
              <label htmlFor={`${id}-attended-${String(value)}`}>
                {t(value ? 'plan.wentYes' : 'plan.wentNo')}
              </label>
            </div>
          ))}
        </div>
        <FieldProblems id={`${id}-attended-error`} problems={problems} field="attended" />
        <FormField id={`${id}-note`} label={t('plan.followUpNote')} field="note" problems={problems}>
          {(props) => (
            <textarea
              {...props}
              rows={2}
              value={note}
              onChange={(event) => {
                setNote(event.target.value);
              }}
            />
          )}
        </FormField>
        <FormProblems problems={problems} fields={['attended', 'note']} />
        <button type="submit" disabled={busy}>
          {t('plan.saveFollowUp')}
        </button>
      </fieldset>
    </form>
  );
}

type Measure = 'UCLA3' | 'ONS4';

function OutcomeForm({
  hasBaseline,
  onSave,
}: {
  readonly hasBaseline: (measure: Measure) => boolean;
  readonly onSave: (input: {
    measure: Measure;
    timepoint: 'baseline' | 'followUp';
    ucla3?: Record<(typeof UCLA3_ITEMS)[number], number>;
    ons4?: Record<(typeof ONS4_ITEMS)[number], number>;
  }) => Promise<readonly Problem[]>;
}) {
  const { t, label, intl } = useMessages();
  const id = useId();
  const [measure, setMeasure] = useState<Measure>('UCLA3');
  const [answers, setAnswers] = useState<Readonly<Record<string, number>>>({});
  const items = measure === 'UCLA3' ? UCLA3_ITEMS : ONS4_ITEMS;
  const timepoint = hasBaseline(measure) ? 'followUp' : 'baseline';
  const { problems, busy, submit } = useForm(
    () => {
      const missing = items.find((item) => answers[item] === undefined);
      if (missing) return Promise.resolve([{ code: 'REQUIRED', field: missing }]);
      const given = Object.fromEntries(items.map((item) => [item, answers[item] ?? 0]));
      return onSave(
        measure === 'UCLA3'
          ? { measure, timepoint, ucla3: given as Record<(typeof UCLA3_ITEMS)[number], number> }
          : { measure, timepoint, ons4: given as Record<(typeof ONS4_ITEMS)[number], number> },
      );
    },
    () => {
      setAnswers({});
    },
  );
  // The service names an item as `ucla3.leftOut`: the form shows it beside the item.
  const itemProblems = problems.map((problem) => ({
    ...problem,
    field: problem.field?.replace(/^(ucla3|ons4)\./, ''),
  }));
  return (
    <form onSubmit={submit} noValidate className="plan-form">
      <fieldset>
        <legend>{t('plan.recordOutcome', { timepoint: label('timepoint', timepoint) })}</legend>
        <FormField id={`${id}-measure`} label={t('plan.measure')} field="measure" problems={[]}>
          {(props) => (
            <select
              {...props}
              value={measure}
              onChange={(event) => {
                setMeasure(event.target.value as Measure);
                setAnswers({});
              }}
            >
              <option value="UCLA3">{t('measure.UCLA3')}</option>
              <option value="ONS4">{t('measure.ONS4')}</option>
            </select>
          )}
        </FormField>
        {items.map((item) => (
          <FormField
            key={`${measure}-${item}`}
            id={`${id}-${item}`}
            label={label('item', item)}
            field={item}
            problems={itemProblems}
          >
            {(props) => (
              <select
                {...props}
                value={answers[item] ?? ''}
                onChange={(event) => {
                  const value = event.target.value;
                  setAnswers((known) => ({ ...known, [item]: Number(value) }));
                }}
              >
                <option value="">{t('form.choose')}</option>
                {measure === 'UCLA3'
                  ? [1, 2, 3].map((value) => (
                      <option key={value} value={value}>
                        {label('ucla3', String(value))}
                      </option>
                    ))
                  : RULER.map((value) => (
                      <option key={value} value={value}>
                        {intl.formatNumber(value)}
                      </option>
                    ))}
              </select>
            )}
          </FormField>
        ))}
        <FormProblems problems={itemProblems} fields={[...items]} />
        <button type="submit" className="primary" disabled={busy}>
          {t('plan.saveOutcome')}
        </button>
      </fieldset>
    </form>
  );
}

function ActionForm({
  goals,
  onSave,
}: {
  readonly goals: readonly { readonly goalId: string; readonly inClientsWords: string }[];
  readonly onSave: (input: {
    goalId: string;
    description: string;
    owner: string;
    due: string;
  }) => Promise<readonly Problem[]>;
}) {
  const { t, label } = useMessages();
  const id = useId();
  const [goalId, setGoalId] = useState(goals.length === 1 ? (goals[0]?.goalId ?? '') : '');
  const [description, setDescription] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState(() => today(7));
  const { problems, busy, submit } = useForm(
    () => onSave({ goalId, description, owner, due }),
    () => {
      setDescription('');
      setOwner('');
    },
  );
  return (
    <form onSubmit={submit} noValidate className="plan-form">
      <fieldset>
        <legend>{t('plan.addAction')}</legend>
        <FormField id={`${id}-goal`} label={t('plan.towardsGoal')} field="goalId" problems={problems}>
          {(props) => (
            <select
              {...props}
              value={goalId}
              onChange={(event) => {
                setGoalId(event.target.value);
              }}
            >
              <option value="">{t('form.choose')}</option>
              {goals.map((goal) => (
                <option key={goal.goalId} value={goal.goalId}>
                  {goal.inClientsWords}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id={`${id}-description`} label={t('plan.action')} field="description" problems={problems}>
          {(props) => (
            <input
              {...props}
              value={description}
              onChange={(event) => {
                setDescription(event.target.value);
              }}
            />
          )}
        </FormField>
        <div className="form-row">
          <FormField id={`${id}-owner`} label={t('plan.owner')} field="owner" problems={problems}>
            {(props) => (
              <select
                {...props}
                value={owner}
                onChange={(event) => {
                  setOwner(event.target.value);
                }}
              >
                <option value="">{t('form.choose')}</option>
                {ACTION_OWNERS.map((code) => (
                  <option key={code} value={code}>
                    {label('owner', code)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField id={`${id}-due`} label={t('plan.due')} field="due" problems={problems}>
            {(props) => (
              <input
                {...props}
                type="date"
                value={due}
                onChange={(event) => {
                  setDue(event.target.value);
                }}
              />
            )}
          </FormField>
        </div>
        <FormProblems problems={problems} fields={['goalId', 'description', 'owner', 'due']} />
        <button type="submit" disabled={busy}>
          {t('plan.saveAction')}
        </button>
      </fieldset>
    </form>
  );
}

function TaskForm({
  onSave,
}: {
  readonly onSave: (input: { kind: string; description: string; due: string }) => Promise<readonly Problem[]>;
}) {
  const { t, label } = useMessages();
  const id = useId();
  const [kind, setKind] = useState('');
  const [description, setDescription] = useState('');
  const [due, setDue] = useState(() => today(7));
  const { problems, busy, submit } = useForm(
    () => onSave({ kind, description, due }),
    () => {
      setKind('');
      setDescription('');
    },
  );
  return (
    <form onSubmit={submit} noValidate className="plan-form">
      <fieldset>
        <legend>{t('plan.addTask')}</legend>
        <div className="form-row">
          <FormField id={`${id}-kind`} label={t('plan.taskKind')} field="kind" problems={problems}>
            {(props) => (
              <select
                {...props}
                value={kind}
                onChange={(event) => {
                  setKind(event.target.value);
                }}
              >
                <option value="">{t('form.choose')}</option>
                {TASK_KINDS.map((code) => (
                  <option key={code} value={code}>
                    {label('taskKind', code)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField id={`${id}-due`} label={t('plan.due')} field="due" problems={problems}>
            {(props) => (
              <input
                {...props}
                type="date"
                value={due}
                onChange={(event) => {
                  setDue(event.target.value);
                }}
              />
            )}
          </FormField>
        </div>
        <FormField
          id={`${id}-description`}
          label={t('plan.taskDescription')}
          field="description"
          problems={problems}
        >
          {(props) => (
            <input
              {...props}
              value={description}
              onChange={(event) => {
                setDescription(event.target.value);
              }}
            />
          )}
        </FormField>
        <FormProblems problems={problems} fields={['kind', 'description', 'due']} />
        <button type="submit" disabled={busy}>
          {t('plan.saveTask')}
        </button>
      </fieldset>
    </form>
  );
}

function TaskUpdateForm({
  task,
  status: current,
  onSave,
}: {
  readonly task: string;
  readonly status: string;
  readonly onSave: (input: { status: string; barrier: string | null }) => Promise<readonly Problem[]>;
}) {
  const { t, label } = useMessages();
  const id = useId();
  const [status, setStatus] = useState(current);
  const [barrier, setBarrier] = useState('');
  const { problems, busy, submit } = useForm(
    () => onSave({ status, barrier: barrier.trim() ? barrier : null }),
    () => {
      setBarrier('');
    },
  );
  return (
    <form onSubmit={submit} noValidate className="plan-form">
      <fieldset>
        <legend>{t('plan.updateTask', { task })}</legend>
        <div className="form-row">
          <FormField id={`${id}-status`} label={t('plan.taskStatus')} field="status" problems={problems}>
            {(props) => (
              <select
                {...props}
                value={status}
                onChange={(event) => {
                  setStatus(event.target.value);
                }}
              >
                {TASK_STATUSES.map((code) => (
                  <option key={code} value={code}>
                    {label('taskStatus', code)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField
            id={`${id}-barrier`}
            label={t('plan.barrier')}
            hint={t('plan.barrierHint')}
            field="barrier"
            problems={problems}
          >
            {(props) => (
              <input
                {...props}
                value={barrier}
                onChange={(event) => {
                  setBarrier(event.target.value);
                }}
              />
            )}
          </FormField>
        </div>
        <FormProblems problems={problems} fields={['status', 'barrier']} />
        <button type="submit" disabled={busy}>
          {t('plan.saveTaskUpdate')}
        </button>
      </fieldset>
    </form>
  );
}

function ReviewForm({ onSave }: { readonly onSave: (summary: string) => Promise<readonly Problem[]> }) {
  const { t } = useMessages();
  const id = useId();
  const [summary, setSummary] = useState('');
  const { problems, busy, submit } = useForm(
    () => onSave(summary),
    () => {
      setSummary('');
    },
  );
  return (
    <form onSubmit={submit} noValidate className="plan-form">
      <FormField
        id={`${id}-summary`}
        label={t('plan.reviewSummary')}
        hint={t('plan.reviewHint')}
        field="summary"
        problems={problems}
      >
        {(props) => (
          <textarea
            {...props}
            rows={3}
            value={summary}
            onChange={(event) => {
              setSummary(event.target.value);
            }}
          />
        )}
      </FormField>
      <FormProblems problems={problems} fields={['summary']} />
      <button type="submit" disabled={busy}>
        {t('plan.saveReview')}
      </button>
    </form>
  );
}

function CloseForm({
  onSave,
}: {
  readonly onSave: (input: { reason: string; note: string | null }) => Promise<readonly Problem[]>;
}) {
  const { t, label } = useMessages();
  const id = useId();
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const { problems, busy, submit } = useForm(
    () =>
      reason
        ? onSave({ reason, note: note.trim() ? note : null })
        : Promise.resolve([{ code: 'REQUIRED', field: 'reason' }]),
    () => undefined,
  );
  return (
    <form onSubmit={submit} noValidate className="plan-form">
      <FormField id={`${id}-reason`} label={t('plan.closeReason')} field="reason" problems={problems}>
        {(props) => (
          <select
            {...props}
            value={reason}
            onChange={(event) => {
              setReason(event.target.value);
            }}
          >
            <option value="">{t('form.choose')}</option>
            {CLOSURE_REASONS.map((code) => (
              <option key={code} value={code}>
                {label('closure', code)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id={`${id}-note`} label={t('plan.closeNote')} field="note" problems={problems}>
        {(props) => (
          <textarea
            {...props}
            rows={3}
            value={note}
            onChange={(event) => {
              setNote(event.target.value);
            }}
          />
        )}
      </FormField>
      <FormProblems problems={problems} fields={['reason', 'note']} />
      <button type="submit" className="primary" disabled={busy}>
        {t('plan.closeButton')}
      </button>
    </form>
  );
}
