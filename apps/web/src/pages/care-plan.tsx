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
          description
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
    clientReferrals(clientId: $clientId, first: 200) {
      items {
        referralId
        history {
          status
          enteredAt
          note
        }
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
/** SWEMWBS items in the service's order (apps/care-plans outcome-measures.ts, SWEMWBS_ITEMS). */
const SWEMWBS_ITEMS = ['item1', 'item2', 'item3', 'item4', 'item5', 'item6', 'item7'] as const;
const SWEMWBS_SCALE = [1, 2, 3, 4, 5] as const;
const MYCAW_SCALE = [0, 1, 2, 3, 4, 5, 6] as const;
/** MYCaW names one or two concerns (MYCAW_MAX_CONCERNS in the service). */
const MYCAW_CONCERNS = [1, 2] as const;
/** Scores where a lower value is better for the client, as the service judges direction. */
const LOWER_IS_BETTER: Readonly<Record<string, (name: string) => boolean>> = {
  UCLA3: () => true,
  MYCAW: () => true,
  ONS4: (name) => name === 'anxious',
  SWEMWBS: () => false,
};
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
const noteKey = (referralId: string, status: string, at: string): string =>
  `${referralId} ${status} ${Date.parse(at)}`;

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
  // The notes written with the referral's status changes: the partners context keeps them (sealed),
  // care-plans the trail; a note belongs to the change of the same referral, status and instant.
  const notes = new Map(
    data.clientReferrals.items.flatMap((referral) =>
      referral.history.flatMap((spell) =>
        spell.note
          ? [[noteKey(referral.referralId, spell.status, spell.enteredAt), spell.note] as const]
          : [],
      ),
    ),
  );
  const updating = waiting && <p role="status">{t('plan.updating')}</p>;
  // The latest MYCaW baseline: a follow-up re-rates its concerns, in the client's words.
  const mycawBaseline = plan?.outcomes.findLast(
    (outcome) => outcome.measure === 'MYCAW' && outcome.timepoint === 'baseline',
  );
  const concernWords = new Map(
    (plan?.outcomes ?? []).flatMap((outcome) =>
      outcome.scores.flatMap((score) =>
        score.description ? [[score.name, score.description] as const] : [],
      ),
    ),
  );
  /** A score's name; a MYCaW concern by the client's own words. */
  const scoreLabel = (scoreName: string): string => concernWords.get(scoreName) ?? label('score', scoreName);
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
                  {prescription.referral.history.map((entry) => {
                    const note = notes.get(
                      noteKey(prescription.prescriptionId, entry.status, entry.enteredAt),
                    );
                    return (
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
                        {note && (
                          <p>
                            <span className="muted">
                              {t(entry.by === 'receiver' ? 'plan.noteByPartner' : 'plan.noteByUs')}
                            </span>{' '}
                            {note}
                          </p>
                        )}
                      </li>
                    );
                  })}
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
                      {t('plan.scoreName', { measure: change.measure, score: scoreLabel(change.name) })}
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
                        score: scoreLabel(score.name),
                        value: intl.formatNumber(score.value),
                      }),
                    ),
                  ),
                })}
              </li>
            ))}
          </ul>
        )}
        {plan.changes.length > 0 && <ChangeCharts outcomes={plan.outcomes} scoreLabel={scoreLabel} />}
        {open && (
          <OutcomeForm
            hasBaseline={(measure) =>
              plan.outcomes.some((outcome) => outcome.measure === measure && outcome.timepoint === 'baseline')
            }
            baselineConcerns={mycawBaseline?.scores.flatMap((score) =>
              score.name.startsWith('concern:') && score.description
                ? [{ id: score.name.slice('concern:'.length), description: score.description }]
                : [],
            )}
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

type Measure = 'UCLA3' | 'ONS4' | 'SWEMWBS' | 'MYCAW';
const MEASURES: readonly Measure[] = ['UCLA3', 'ONS4', 'SWEMWBS', 'MYCAW'];

interface Concern {
  readonly id: string;
  readonly description: string;
}

/** The items a measure asks, each a choice from a scale; MYCaW's concerns are asked besides. */
function itemsOf(measure: Measure, concerns: number): readonly string[] {
  switch (measure) {
    case 'UCLA3':
      return UCLA3_ITEMS;
    case 'ONS4':
      return ONS4_ITEMS;
    case 'SWEMWBS':
      return SWEMWBS_ITEMS;
    case 'MYCAW':
      return [...MYCAW_CONCERNS.slice(0, concerns).map((number) => `concern${number}Score`), 'wellbeing'];
  }
}

function OutcomeForm({
  hasBaseline,
  baselineConcerns,
  onSave,
}: {
  readonly hasBaseline: (measure: Measure) => boolean;
  /** The concerns of the latest MYCaW baseline, which a follow-up re-rates unchanged. */
  readonly baselineConcerns: readonly Concern[] | undefined;
  readonly onSave: (input: {
    measure: Measure;
    timepoint: 'baseline' | 'followUp';
    ucla3?: Record<(typeof UCLA3_ITEMS)[number], number>;
    ons4?: Record<(typeof ONS4_ITEMS)[number], number>;
    swemwbs?: number[];
    mycaw?: { concerns: { id: string; description: string; score: number }[]; wellbeing: number };
  }) => Promise<readonly Problem[]>;
}) {
  const { t, label, intl } = useMessages();
  const id = useId();
  const [measure, setMeasure] = useState<Measure>('UCLA3');
  const [answers, setAnswers] = useState<Readonly<Record<string, number>>>({});
  const [concernWords, setConcernWords] = useState<Readonly<Record<number, string>>>({});
  const timepoint = hasBaseline(measure) ? 'followUp' : 'baseline';
  const carried = measure === 'MYCAW' && timepoint === 'followUp' ? (baselineConcerns ?? []) : undefined;
  // At baseline, the second concern is asked only once its words are given.
  const concernCount = carried
    ? carried.length
    : MYCAW_CONCERNS.filter((number) => number === 1 || (concernWords[number] ?? '').trim() !== '').length;
  const items = itemsOf(measure, concernCount);
  const { problems, busy, submit } = useForm(
    () => {
      if (measure === 'MYCAW' && !carried && (concernWords[1] ?? '').trim() === '')
        return Promise.resolve([{ code: 'REQUIRED', field: 'concern1' }]);
      const missing = items.find((item) => answers[item] === undefined);
      if (missing) return Promise.resolve([{ code: 'REQUIRED', field: missing }]);
      const answer = (item: string) => answers[item] ?? 0;
      const given = Object.fromEntries(items.map((item) => [item, answer(item)]));
      switch (measure) {
        case 'UCLA3':
          return onSave({ measure, timepoint, ucla3: given as Record<(typeof UCLA3_ITEMS)[number], number> });
        case 'ONS4':
          return onSave({ measure, timepoint, ons4: given as Record<(typeof ONS4_ITEMS)[number], number> });
        case 'SWEMWBS':
          return onSave({ measure, timepoint, swemwbs: SWEMWBS_ITEMS.map(answer) });
        case 'MYCAW': {
          const concerns: readonly Concern[] =
            carried ??
            MYCAW_CONCERNS.slice(0, concernCount).map((number) => ({
              id: crypto.randomUUID(),
              description: (concernWords[number] ?? '').trim(),
            }));
          return onSave({
            measure,
            timepoint,
            mycaw: {
              concerns: concerns.map((concern, index) => ({
                ...concern,
                score: answer(`concern${String(index + 1)}Score`),
              })),
              wellbeing: answer('wellbeing'),
            },
          });
        }
      }
    },
    () => {
      setAnswers({});
      setConcernWords({});
    },
  );
  // The service names an item as `ucla3.leftOut` or `mycaw.wellbeing`: the form shows it beside the item.
  const itemProblems = problems.map((problem) => ({
    ...problem,
    field: problem.field?.replace(/^(ucla3|ons4|mycaw)\./, ''),
  }));
  const scale = ((): readonly { value: number; text: string }[] => {
    switch (measure) {
      case 'UCLA3':
        return [1, 2, 3].map((value) => ({ value, text: label('ucla3', String(value)) }));
      case 'ONS4':
        return RULER.map((value) => ({ value, text: intl.formatNumber(value) }));
      case 'SWEMWBS':
        return SWEMWBS_SCALE.map((value) => ({ value, text: label('swemwbs', String(value)) }));
      case 'MYCAW':
        return MYCAW_SCALE.map((value) => ({ value, text: intl.formatNumber(value) }));
    }
  })();
  const itemLabel = (item: string): string => {
    const concern = /^concern(\d)Score$/.exec(item);
    if (concern) return t('plan.concernScore', { number: Number(concern[1]) });
    return item === 'wellbeing' ? t('plan.wellbeing') : label('item', item);
  };
  const itemHint = (item: string): string | undefined => {
    if (measure === 'SWEMWBS') return undefined;
    if (item === 'wellbeing') return t('plan.wellbeingScale');
    return item.startsWith('concern') ? t('plan.mycawScale') : undefined;
  };
  const itemField = (item: string) => (
    <FormField
      key={`${measure}-${item}`}
      id={`${id}-${item}`}
      label={itemLabel(item)}
      field={item}
      problems={itemProblems}
      hint={itemHint(item)}
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
          {scale.map(({ value, text }) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
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
                setConcernWords({});
              }}
            >
              {MEASURES.map((value) => (
                <option key={value} value={value}>
                  {t(`measure.${value}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        {measure === 'SWEMWBS' && <p className="hint">{t('plan.swemwbsHint')}</p>}
        {measure === 'MYCAW'
          ? [
              ...MYCAW_CONCERNS.map((number) => {
                const field = `concern${String(number)}`;
                const kept = carried?.[number - 1];
                if (carried && !kept) return null;
                return (
                  <fieldset key={field} className="concern">
                    <legend>
                      {t(
                        carried
                          ? 'plan.concernCarried'
                          : number === 1
                            ? 'plan.concern'
                            : 'plan.concernOptional',
                        { number },
                      )}
                    </legend>
                    {kept ? (
                      <p id={`${id}-${field}`}>{kept.description}</p>
                    ) : (
                      <FormField
                        id={`${id}-${field}`}
                        label={t('plan.concernWords')}
                        field={field}
                        problems={itemProblems}
                      >
                        {(props) => (
                          <input
                            {...props}
                            type="text"
                            value={concernWords[number] ?? ''}
                            onChange={(event) => {
                              const words = event.target.value;
                              setConcernWords((known) => ({ ...known, [number]: words }));
                            }}
                          />
                        )}
                      </FormField>
                    )}
                    {number <= concernCount && itemField(`${field}Score`)}
                  </fieldset>
                );
              }),
              itemField('wellbeing'),
            ]
          : items.map(itemField)}
        <FormProblems
          problems={itemProblems}
          fields={[...items, ...MYCAW_CONCERNS.map((number) => `concern${String(number)}`)]}
        />
        <button type="submit" className="primary" disabled={busy}>
          {t('plan.saveOutcome')}
        </button>
      </fieldset>
    </form>
  );
}

/** One score's change from its baseline at each measurement, in the order they were recorded. */
interface ChangeSeries {
  readonly measure: string;
  readonly name: string;
  readonly lowerIsBetter: boolean;
  readonly points: readonly { readonly recordedAt: string; readonly change: number }[];
}

/** Per measure with a follow-up: each score of the latest baseline, then its change at each follow-up since. */
function changeSeries(
  outcomes: readonly {
    readonly measure: string;
    readonly timepoint: string;
    readonly recordedAt: string;
    readonly scores: readonly { readonly name: string; readonly value: number }[];
  }[],
): ChangeSeries[] {
  const measures = [...new Set(outcomes.map((outcome) => outcome.measure))];
  return measures.flatMap((measure) => {
    const taken = outcomes.filter((outcome) => outcome.measure === measure);
    const baselineAt = taken.findLastIndex((outcome) => outcome.timepoint === 'baseline');
    const baseline = taken[baselineAt];
    const followUps = taken.slice(baselineAt + 1).filter((outcome) => outcome.timepoint !== 'baseline');
    if (!baseline || followUps.length === 0) return [];
    return baseline.scores.map((start) => ({
      measure,
      name: start.name,
      lowerIsBetter: LOWER_IS_BETTER[measure]?.(start.name) ?? false,
      points: [
        { recordedAt: baseline.recordedAt, change: 0 },
        ...followUps.flatMap((followUp) => {
          const score = followUp.scores.find((candidate) => candidate.name === start.name);
          // Metric scores have two decimals: rounding keeps 23.21 - 19.25 at 3.96.
          return score
            ? [
                {
                  recordedAt: followUp.recordedAt,
                  change: Math.round((score.value - start.value) * 100) / 100,
                },
              ]
            : [];
        }),
      ],
    }));
  });
}

const CHART = { width: 200, height: 110, left: 8, right: 8, top: 18, bottom: 18 } as const;

/**
 * Small multiples, one per score, drawn as inline SVG: a line from 0 at the baseline through each
 * follow-up, each point labelled with its signed value, so nothing is read from colour. The SVGs
 * are hidden from assistive technology; the table after them says the same in text.
 */
function ChangeCharts({
  outcomes,
  scoreLabel,
}: {
  readonly outcomes: Parameters<typeof changeSeries>[0];
  readonly scoreLabel: (name: string) => string;
}) {
  const { t, dateTime, intl } = useMessages();
  const id = useId();
  const series = changeSeries(outcomes);
  if (series.length === 0) return null;
  const signed = (value: number) => intl.formatNumber(value, { signDisplay: 'exceptZero' });
  const plotWidth = CHART.width - CHART.left - CHART.right;
  const plotHeight = CHART.height - CHART.top - CHART.bottom;
  return (
    <>
      <h3 id={`${id}-title`}>{t('plan.chart')}</h3>
      <p className="hint">{t('plan.chartHint')}</p>
      <div className="change-charts" role="group" aria-labelledby={`${id}-title`}>
        {series.map((line) => {
          const reach = Math.max(1, ...line.points.map((point) => Math.abs(point.change)));
          const x = (index: number) =>
            CHART.left + (line.points.length === 1 ? 0 : (index / (line.points.length - 1)) * plotWidth);
          const y = (change: number) => CHART.top + plotHeight / 2 - (change / reach) * (plotHeight / 2);
          const caption = t('plan.scoreName', { measure: line.measure, score: scoreLabel(line.name) });
          return (
            <figure key={`${line.measure}-${line.name}`} className="change-chart">
              <figcaption>
                {caption}
                <br />
                <small>{t(line.lowerIsBetter ? 'plan.lowerBetter' : 'plan.higherBetter')}</small>
              </figcaption>
              <svg
                viewBox={`0 0 ${String(CHART.width)} ${String(CHART.height)}`}
                aria-hidden="true"
                focusable="false"
              >
                <line
                  x1={CHART.left}
                  x2={CHART.width - CHART.right}
                  y1={y(0)}
                  y2={y(0)}
                  stroke="currentColor"
                  strokeDasharray="4 3"
                />
                <polyline
                  fill="none"
                  stroke="currentColor"
                  strokeWidth={2}
                  points={line.points
                    .map((point, index) => `${String(x(index))},${String(y(point.change))}`)
                    .join(' ')}
                />
                {line.points.map((point, index) => (
                  <g key={point.recordedAt}>
                    <circle cx={x(index)} cy={y(point.change)} r={3.5} fill="currentColor" />
                    <text
                      x={x(index)}
                      y={point.change < 0 ? y(point.change) + 14 : y(point.change) - 6}
                      textAnchor={index === 0 ? 'start' : index === line.points.length - 1 ? 'end' : 'middle'}
                      fontSize={12}
                      fill="currentColor"
                    >
                      {signed(point.change)}
                    </text>
                  </g>
                ))}
              </svg>
            </figure>
          );
        })}
      </div>
      <table className="visually-hidden">
        <caption>{t('plan.chartTable')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('plan.score')}</th>
            <th scope="col">{t('plan.recordedOn')}</th>
            <th scope="col">{t('plan.change')}</th>
          </tr>
        </thead>
        <tbody>
          {series.flatMap((line) =>
            line.points.map((point) => (
              <tr key={`${line.measure}-${line.name}-${point.recordedAt}`}>
                <th scope="row">
                  {t('plan.scoreName', { measure: line.measure, score: scoreLabel(line.name) })}
                </th>
                <td>{dateTime(point.recordedAt)}</td>
                <td className="number">{signed(point.change)}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </>
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
