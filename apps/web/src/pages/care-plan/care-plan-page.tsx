import { useId, useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { useMessages } from '../../i18n';
import { useReloadUntilShown } from '../../hooks/use-reload-until-shown';
import { Link } from '../../router';
import { PageHeading } from '../page-heading';
import { QueryProblem } from '../query-problem';
import { ChangeCharts } from './change-charts';
import { CloseForm, ReviewForm } from './closure-forms';
import { FollowUpForm } from './follow-up-form';
import { Card, SaveButton, useSave } from './form-kit';
import { GoalForm, ReadinessForm } from './goal-forms';
import { NeedsForm } from './needs-form';
import { OutcomeForm } from './outcome-form';
import { PrescribeForm } from './prescribe-form';
import { ActionForm, TaskForm, TaskUpdateForm } from './task-forms';

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

/** How long a saved change is waited for in the plan (the read model follows the events): a minute. */
const MAX_RELOADS = 240;

/** A partner's note's key: the referral, the status it came with, and when (as an instant). */
const noteKey = (referralId: string, status: string, at: string): string =>
  `${referralId} ${status} ${Date.parse(at)}`;

/** The care plan: co-created with the client, from the needs to the closure. */
export function CarePlanPage({ clientId }: { readonly clientId: string }) {
  const { t, label, date, dateTime, intl } = useMessages();
  const id = useId();
  const [{ data, error, fetching }, refetch] = useQuery({ query: CarePlanQuery, variables: { clientId } });
  // The plan as it was before the last save: reloaded until it differs (the read model follows the events).
  const [before, setBefore] = useState<string | undefined>();
  const shown = JSON.stringify(data?.carePlan ?? null);
  const { waiting, restart } = useReloadUntilShown({
    pending: before !== undefined && shown === before,
    reload: () => {
      refetch({ requestPolicy: 'network-only' });
    },
    answer: data,
    fetching,
    pauseMs: 250,
    maxReloads: MAX_RELOADS,
  });
  const save = useSave(() => {
    restart();
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
