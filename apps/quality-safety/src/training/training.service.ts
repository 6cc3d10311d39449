import {
  handleCommand,
  hasRole,
  metadataOf,
  type Caller,
  type PageRequest,
  type ServiceRuntime,
} from '@spn/service-kit';
import type { OrganizationQueries } from '../organization/organization.queries';
import { readableSubjects } from '../shared/access';
import { day } from '../shared/values';
import { PolicyError, policyDecider, policyStreamId } from './policy';
import {
  REMINDER_DAYS,
  TrainingError,
  trainingDecider,
  trainingStreamId,
  type TrainingCommand,
} from './training';
import { trainingProjection } from './training.projection';
import { TrainingQueries } from './training.queries';

/**
 * Training and policies: a Link Worker records their own training and acknowledges policy versions; an
 * org-admin records training for the organization's Link Workers, publishes policies and issues the
 * expiry reminders (idempotent: once per record, whenever and however often it runs).
 */
export class TrainingService {
  readonly queries: TrainingQueries;

  private constructor(
    private readonly runtime: ServiceRuntime,
    private readonly organization: OrganizationQueries,
  ) {
    this.queries = new TrainingQueries(runtime.readModels);
  }

  static async start(runtime: ServiceRuntime, organization: OrganizationQueries): Promise<TrainingService> {
    await runtime.project(trainingProjection);
    return new TrainingService(runtime, organization);
  }

  async record(
    caller: Caller,
    input: {
      recordId: string;
      subject?: string;
      topic: string;
      title?: string;
      completedOn: string;
      expiresOn?: string;
    },
    commandId?: string,
  ) {
    const subject = input.subject ?? caller.subject;
    if (subject !== caller.subject) {
      const known =
        hasRole(caller, 'org-admin') &&
        (await this.organization.linkWorkers(caller.organizationId)).includes(subject);
      if (!known)
        throw new TrainingError(
          'LINK_WORKER_NOT_FOUND',
          "Not a Link Worker of your organization's teams",
          'subject',
        );
    }
    return this.execute(
      caller,
      subject,
      { kind: 'record', ...input, subject, at: this.runtime.clock.timestamp() },
      commandId,
    );
  }

  async acknowledge(caller: Caller, policyId: string, version: number, commandId?: string) {
    const versionPublished = await this.queries.versionPublished(caller.organizationId, policyId, version);
    return this.execute(
      caller,
      caller.subject,
      { kind: 'acknowledge', policyId, version, versionPublished, at: this.runtime.clock.timestamp() },
      commandId,
    );
  }

  publishPolicy(caller: Caller, policyId: string, title: string, summary?: string, commandId?: string) {
    return handleCommand(
      this.runtime.store,
      policyDecider,
      policyStreamId(caller.organizationId, policyId),
      {
        kind: 'publish',
        policyId,
        title,
        ...(summary ? { summary } : {}),
        at: this.runtime.clock.timestamp(),
      },
      {
        metadata: metadataOf(caller),
        ...(commandId ? { commandId } : {}),
        notFound: () => new PolicyError('POLICY_NOT_FOUND', 'No policy with this id', 'policyId'),
      },
    );
  }

  /**
   * Issues `TrainingExpiryReminderIssued` for every record of the caller's organization expiring within
   * the reminder window of `asOf`; a record reminded before gets nothing more (the decider's rule).
   */
  async issueReminders(caller: Caller, asOf: string): Promise<string[]> {
    day(asOf, 'asOf', TrainingError);
    const issued: string[] = [];
    for (const candidate of await this.queries.reminderCandidates(
      caller.organizationId,
      asOf,
      REMINDER_DAYS,
    )) {
      const result = await this.execute(caller, candidate.subject, {
        kind: 'issueReminder',
        recordId: candidate.record_id,
        asOf,
      });
      if (result.events.length > 0 && !result.replayed) issued.push(candidate.record_id);
    }
    return issued;
  }

  async records(caller: Caller, request: PageRequest) {
    return this.queries.recordsPage(
      caller.organizationId,
      await readableSubjects(caller, this.organization),
      request,
    );
  }

  private execute(caller: Caller, subject: string, command: TrainingCommand, commandId?: string) {
    return handleCommand(this.runtime.store, trainingDecider, trainingStreamId(subject), command, {
      metadata: metadataOf(caller),
      ...(commandId ? { commandId } : {}),
      notFound: () =>
        new TrainingError(
          'LINK_WORKER_NOT_FOUND',
          "Not a Link Worker of your organization's teams",
          'subject',
        ),
    });
  }
}
