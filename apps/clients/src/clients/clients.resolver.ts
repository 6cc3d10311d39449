import { Inject } from '@nestjs/common';
import { Args, Context, ID, Parent, Resolver } from '@nestjs/graphql';
import { AuthorizationError } from '@spn/auth';
import {
  AccessAudit,
  AccessAuditQueries,
  AllowedMutation,
  AllowedQuery,
  AllowedReference,
  CARE_TEAM,
  callerOf,
  type ClientFile,
  Clock,
  hasRole,
  metadataOf,
  openClientFile,
  operationRunner,
  PageArgs,
  pageRequest,
  uuidArgument,
  type RequestContext,
} from '@spn/service-kit';
import { randomUUID } from 'node:crypto';
import { ClientsService } from './clients.service';
import { TeamsService } from '../teams/teams.service';
import { ClientError, type ClientCommand } from './client';
import {
  AccessRecordPage,
  AssignLinkWorkerInput,
  Client,
  ClientPage,
  CommandReceipt,
  RecordConsentInput,
  ReferClientInput,
  RegisterClientDetailsInput,
  AddSupportPersonInput,
  DescribeCulturalIdentityInput,
  DemographicsInput,
  EraseClientInput,
  InteractionPage,
  LogInteractionInput,
  PossibleDuplicate,
  RemoveSupportPersonInput,
  SetCommunicationInput,
  WithdrawConsentInput,
} from './clients.types';

const run = operationRunner('clients');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const clientIdOf = (id: string, field = 'clientId'): string => uuidArgument(id, field);

/** The clients subgraph: thin; the decider decides, the read model answers. */
@Resolver(() => Client)
export class ClientsResolver {
  constructor(
    @Inject(ClientsService) private readonly clients: ClientsService,
    @Inject(TeamsService) private readonly teams: TeamsService,
    @Inject(AccessAudit) private readonly audit: AccessAudit,
    @Inject(AccessAuditQueries) private readonly auditLog: AccessAuditQueries,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @AllowedQuery(() => Client, CARE_TEAM, {
    nullable: true,
    description: "A client of the caller's organization.",
  })
  client(@Args('clientId', { type: () => ID }) clientId: string, @Context() ctx: RequestContext) {
    return run(async () => {
      const caller = callerOf(ctx.req);
      const found = await this.clients.queries.client(caller.organizationId, clientIdOf(clientId));
      await this.open(ctx, 'Query.client', found);
      return found;
    });
  }

  @AllowedQuery(() => ClientPage, CARE_TEAM, {
    description:
      "A Link Worker's clients, most recently referred first, a page at a time: the caller's own; a supervisor may name a Link Worker of a team they supervise.",
  })
  caseload(
    @Context() ctx: RequestContext,
    @Args() page: PageArgs,
    @Args('linkWorker', { type: () => String, nullable: true }) linkWorker?: string,
  ) {
    return run(async () => {
      const request = pageRequest(page, 2);
      const caller = callerOf(ctx.req);
      if (linkWorker && linkWorker !== caller.subject) {
        const supervised =
          hasRole(caller, 'supervisor') &&
          (await this.teams.queries.supervisedBy(caller.organizationId, caller.subject)).includes(linkWorker);
        if (!supervised) {
          const reason = hasRole(caller, 'supervisor') ? 'team' : 'role';
          await this.audit.record(caller, {
            operation: 'Query.caseload',
            resourceType: 'client',
            resourceIds: [linkWorker],
            outcome: 'denied',
            reason,
          });
          throw new AuthorizationError(
            "Only a supervisor of the Link Worker's team may read their caseload",
            reason,
          );
        }
      }
      const clients = await this.clients.queries.caseloadPage(
        caller.organizationId,
        linkWorker ?? caller.subject,
        request,
      );
      await this.audit.disclosed(
        caller,
        'Query.caseload',
        'client',
        clients.items.map((client) => client.clientId),
      );
      return clients;
    });
  }

  @AllowedQuery(() => [PossibleDuplicate], CARE_TEAM, {
    description:
      "Intake's duplicate check, before a new client is made: the organization's clients with the same names (ignoring case and accents) and, where both are known, the same date of birth, most recently referred first.",
  })
  possibleDuplicates(
    @Args('givenName') givenName: string,
    @Args('familyName') familyName: string,
    @Context() ctx: RequestContext,
    @Args('dateOfBirth', { type: () => String, nullable: true, description: 'YYYY-MM-DD' })
    dateOfBirth?: string,
  ) {
    return run(async () => {
      if (!givenName.trim()) throw new ClientError('REQUIRED', 'givenName is required', 'givenName');
      if (!familyName.trim()) throw new ClientError('REQUIRED', 'familyName is required', 'familyName');
      if (dateOfBirth && !/^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth))
        throw new ClientError('INVALID_DATE', 'dateOfBirth must be YYYY-MM-DD', 'dateOfBirth');
      const caller = callerOf(ctx.req);
      const found = await this.clients.queries.possibleDuplicates(caller.organizationId, {
        givenName,
        familyName,
        dateOfBirth: dateOfBirth || null,
      });
      // That a matching client exists is itself about them: each one answered is recorded.
      await this.audit.disclosed(
        caller,
        'Query.possibleDuplicates',
        'client',
        found.map((client) => client.clientId),
      );
      return found.map((client) => ({
        clientId: client.clientId,
        dateOfBirth: client.dateOfBirth,
        lastReferredAt: client.lastReferredAt,
        inMyCaseload: client.linkWorker === caller.subject,
        unassigned: client.linkWorker === null,
      }));
    });
  }

  @AllowedQuery(() => AccessRecordPage, ['auditor'], {
    description: "The access audit of the auditor's organization, newest first, a page at a time.",
  })
  accessAudit(
    @Context() ctx: RequestContext,
    @Args() page: PageArgs,
    @Args('subject', { type: () => String, nullable: true }) subject?: string,
    @Args('clientId', { type: () => ID, nullable: true }) clientId?: string,
    @Args('outcome', { type: () => String, nullable: true }) outcome?: string,
  ) {
    return run(async () => {
      const request = pageRequest(page, 2);
      if (outcome !== undefined && outcome !== 'permitted' && outcome !== 'denied')
        throw new ClientError('INVALID_OUTCOME', 'outcome must be permitted or denied', 'outcome');
      const caller = callerOf(ctx.req);
      const records = await this.auditLog.find(
        caller,
        {
          ...(subject ? { subject } : {}),
          ...(clientId ? { resourceId: clientIdOf(clientId) } : {}),
          ...(outcome ? { outcome } : {}),
        },
        request,
      );
      // Whose files were opened is itself about clients: the auditor's read is recorded too.
      await this.audit.disclosed(caller, 'Query.accessAudit', 'access-record', [
        ...new Set(records.items.flatMap((record) => record.resourceIds)),
      ]);
      return records;
    });
  }

  @AllowedQuery(() => AccessRecordPage, ['org-admin'], {
    description:
      "Files of the organization's clients opened outside the need to know (break-the-glass), with the reason stated, newest first, a page at a time.",
  })
  breakTheGlassAccesses(
    @Context() ctx: RequestContext,
    @Args() page: PageArgs,
    @Args('subject', { type: () => String, nullable: true }) subject?: string,
  ) {
    return run(async () => {
      const request = pageRequest(page, 2);
      const caller = callerOf(ctx.req);
      const records = await this.auditLog.find(
        caller,
        { reason: 'break-the-glass', outcome: 'permitted', ...(subject ? { subject } : {}) },
        request,
      );
      await this.audit.disclosed(caller, 'Query.breakTheGlassAccesses', 'access-record', [
        ...new Set(records.items.flatMap((record) => record.resourceIds)),
      ]);
      return records;
    });
  }

  /** Need to know, decided and recorded before a client's file is answered (docs/identity.md). */
  private open(ctx: RequestContext, operation: string, found: ClientFile | null): Promise<void> {
    const caller = callerOf(ctx.req);
    return openClientFile(this.audit, caller, ctx.req, {
      operation,
      resourceType: 'client',
      file: found,
      supervises: async (supervisor, linkWorker) =>
        (await this.teams.queries.supervisedBy(caller.organizationId, supervisor)).includes(linkWorker),
    });
  }

  @AllowedReference(CARE_TEAM)
  resolveReference(@Parent() reference: { clientId: string }, @Context() ctx: RequestContext) {
    return run(async () => {
      const caller = callerOf(ctx.req);
      const found = await this.clients.queries.client(caller.organizationId, clientIdOf(reference.clientId));
      await this.open(ctx, 'Client.reference', found);
      return found;
    });
  }

  @AllowedMutation(() => CommandReceipt, CARE_TEAM, {
    description: 'A healthcare provider refers a client (new or known).',
  })
  referClient(@Args('input') input: ReferClientInput, @Context() ctx: RequestContext) {
    const { needs, urgency, reason, referralId, referrerOrganizationId } = input;
    return this.command(ctx, input.clientId ?? randomUUID(), input.commandId, (clientId) => ({
      kind: 'refer',
      clientId,
      referralId,
      referrerOrganizationId,
      reason,
      needs,
      urgency,
    }));
  }

  @AllowedMutation(() => CommandReceipt, CARE_TEAM)
  registerClientDetails(@Args('input') input: RegisterClientDetailsInput, @Context() ctx: RequestContext) {
    return this.command(ctx, input.clientId, input.commandId, () => ({
      kind: 'registerDetails',
      givenName: input.givenName,
      familyName: input.familyName,
      ...(input.dateOfBirth ? { dateOfBirth: input.dateOfBirth } : {}),
      ...(input.preferredLanguage ? { preferredLanguage: input.preferredLanguage } : {}),
      today: this.clock.today(),
    }));
  }

  @AllowedMutation(() => CommandReceipt, CARE_TEAM)
  recordConsent(@Args('input') input: RecordConsentInput, @Context() ctx: RequestContext) {
    const recipient = input.recipientOrganizationId;
    return this.command(
      ctx,
      input.clientId,
      input.commandId,
      () => ({
        kind: 'recordConsent',
        consentId: input.consentId,
        purpose: input.purpose,
        ...(recipient ? { recipientOrganizationId: recipient } : {}),
        at: this.clock.timestamp(),
      }),
      // A recipient the organization never registered as a partner would be a referral to nobody.
      async () => {
        if (recipient)
          await this.clients.partners.require(
            callerOf(ctx.req).organizationId,
            recipient,
            'recipientOrganizationId',
            ClientError,
          );
      },
    );
  }

  @AllowedMutation(() => CommandReceipt, CARE_TEAM, {
    description: 'The client withdraws a consent: it takes effect at once, in every service (the lockbox).',
  })
  withdrawConsent(@Args('input') input: WithdrawConsentInput, @Context() ctx: RequestContext) {
    return this.command(ctx, input.clientId, input.commandId, () => ({
      kind: 'withdrawConsent',
      consentId: input.consentId,
      at: this.clock.timestamp(),
    }));
  }

  @AllowedMutation(() => CommandReceipt, ['org-admin'], {
    description:
      "Erases a client (the right to erasure): the client's key is destroyed, so every personal field of every event of the client reads as nothing, everywhere; the reason is recorded and the act audited.",
  })
  eraseClient(@Args('input') input: EraseClientInput, @Context() ctx: RequestContext) {
    return run(async () => {
      const clientId = clientIdOf(input.clientId);
      const caller = callerOf(ctx.req);
      await this.audit.record(caller, {
        operation: 'Mutation.eraseClient',
        resourceType: 'client',
        resourceIds: [clientId],
        outcome: 'permitted',
      });
      const result = await this.clients.erase(clientId, input.reason, metadataOf(caller), input.commandId);
      return { clientId, version: result.nextExpectedVersion, replayed: result.replayed };
    });
  }

  @AllowedMutation(() => CommandReceipt, CARE_TEAM, {
    description:
      'How to communicate with the client: channels, interpreter, accessibility needs, best times.',
  })
  setCommunication(@Args('input') input: SetCommunicationInput, @Context() ctx: RequestContext) {
    return this.command(ctx, input.clientId, input.commandId, () => ({
      kind: 'setCommunication',
      channels: input.channels,
      interpreterNeeded: input.interpreterNeeded,
      accessibilityNeeds: input.accessibilityNeeds,
      ...(input.bestTimes ? { bestTimes: input.bestTimes } : {}),
    }));
  }

  @AllowedMutation(() => CommandReceipt, CARE_TEAM, {
    description: "The client's cultural identity and preferences, as they describe them (all optional).",
  })
  describeCulturalIdentity(
    @Args('input') input: DescribeCulturalIdentityInput,
    @Context() ctx: RequestContext,
  ) {
    return this.command(ctx, input.clientId, input.commandId, () => ({
      kind: 'describeCulturalIdentity',
      ...(input.inClientsWords ? { inClientsWords: input.inClientsWords } : {}),
      ...(input.indigenousIdentity ? { indigenousIdentity: input.indigenousIdentity } : {}),
      ...(input.languages ? { languages: input.languages } : {}),
      ...(input.practicesAndPreferences ? { practicesAndPreferences: input.practicesAndPreferences } : {}),
    }));
  }

  @AllowedMutation(() => CommandReceipt, CARE_TEAM, {
    description:
      "The client's demographics as they describe them (all optional; replaces any earlier description): area (forward sortation area), gender, household income band, ethnicity.",
  })
  describeDemographics(@Args('input') input: DemographicsInput, @Context() ctx: RequestContext) {
    return this.command(ctx, input.clientId, input.commandId, () => ({
      kind: 'describeDemographics',
      ...(input.area ? { area: input.area } : {}),
      ...(input.gender ? { gender: input.gender } : {}),
      ...(input.incomeBand ? { incomeBand: input.incomeBand } : {}),
      ...(input.ethnicity ? { ethnicity: input.ethnicity } : {}),
    }));
  }

  @AllowedMutation(() => CommandReceipt, CARE_TEAM, {
    description: 'Someone the client chooses for their circle of support, and what they may know.',
  })
  addSupportPerson(@Args('input') input: AddSupportPersonInput, @Context() ctx: RequestContext) {
    return this.command(ctx, input.clientId, input.commandId, () => ({
      kind: 'addSupportPerson',
      personId: input.personId,
      name: input.name,
      relationship: input.relationship,
      mayKnow: input.mayKnow,
    }));
  }

  @AllowedMutation(() => CommandReceipt, CARE_TEAM)
  removeSupportPerson(@Args('input') input: RemoveSupportPersonInput, @Context() ctx: RequestContext) {
    return this.command(ctx, input.clientId, input.commandId, () => ({
      kind: 'removeSupportPerson',
      personId: input.personId,
    }));
  }

  @AllowedMutation(() => CommandReceipt, CARE_TEAM, {
    description: 'An interaction with the client, a caregiver, a provider or a community stakeholder.',
  })
  logInteraction(@Args('input') input: LogInteractionInput, @Context() ctx: RequestContext) {
    return this.command(ctx, input.clientId, input.commandId, () => ({
      kind: 'logInteraction',
      interactionId: input.interactionId,
      party: input.party,
      channel: input.channel,
      purpose: input.purpose,
      summary: input.summary,
      followUpNeeded: input.followUpNeeded,
      at: this.clock.timestamp(),
    }));
  }

  @AllowedQuery(() => InteractionPage, CARE_TEAM, {
    description: "A client's interaction log, newest first, a page at a time.",
  })
  interactions(
    @Args('clientId', { type: () => ID }) clientId: string,
    @Context() ctx: RequestContext,
    @Args() page: PageArgs,
  ) {
    return run(async () => {
      const request = pageRequest(page, 2);
      const caller = callerOf(ctx.req);
      const id = clientIdOf(clientId);
      // Need to know first: the log is part of the client's file (whose caseload it is on suffices).
      await this.open(ctx, 'Query.interactions', await this.clients.queries.file(caller.organizationId, id));
      return this.clients.queries.interactions(caller.organizationId, id, request);
    });
  }

  @AllowedMutation(() => CommandReceipt, CARE_TEAM)
  assignLinkWorker(@Args('input') input: AssignLinkWorkerInput, @Context() ctx: RequestContext) {
    const linkWorker = input.linkWorker;
    return this.command(
      ctx,
      input.clientId,
      input.commandId,
      () => ({ kind: 'assignLinkWorker', linkWorker }),
      () => this.knownLinkWorker(callerOf(ctx.req), linkWorker),
    );
  }

  /**
   * A Link Worker the organization knows: a subject (the user id of the identity provider, a UUID,
   * never a username), and either the caller themself or a Link Worker of one of the organization's
   * teams. Anyone else is `UNKNOWN_USER`: assigned, the client would vanish from every caseload.
   */
  private async knownLinkWorker(caller: ReturnType<typeof callerOf>, linkWorker: string): Promise<void> {
    const unknown = () =>
      new ClientError(
        'UNKNOWN_USER',
        "linkWorker must be the user id of the caller or of a Link Worker of one of the organization's teams",
        'linkWorker',
      );
    if (!UUID.test(linkWorker)) throw unknown();
    if (linkWorker === caller.subject) return;
    if (!(await this.teams.queries.isLinkWorker(caller.organizationId, linkWorker))) throw unknown();
  }

  /** Every mutation: check the id, run the command as the caller, answer with a receipt. */
  private command(
    ctx: RequestContext,
    rawClientId: string,
    commandId: string | undefined,
    build: (clientId: string) => ClientCommand,
    check?: () => Promise<void>,
  ): Promise<CommandReceipt> {
    return run(async () => {
      const clientId = clientIdOf(rawClientId);
      await check?.();
      const result = await this.clients.execute(
        clientId,
        build(clientId),
        metadataOf(callerOf(ctx.req)),
        commandId,
      );
      return { clientId, version: result.nextExpectedVersion, replayed: result.replayed };
    });
  }
}
