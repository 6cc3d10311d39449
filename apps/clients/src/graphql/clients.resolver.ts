import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Query, Resolver, ResolveReference } from '@nestjs/graphql';
import { createLogger } from '@spn/observability';
import { randomUUID } from 'node:crypto';
import { ClientsService } from '../application/clients.service';
import { ClientError, type ClientCommand } from '../domain/client';
import { developmentCaller, metadataOf, type Caller } from './caller';
import {
  AssignLinkWorkerInput,
  Client,
  CommandReceipt,
  RecordConsentInput,
  ReferClientInput,
  RegisterClientDetailsInput,
} from './client.types';
import { toGraphQLError } from './errors';

const log = createLogger('clients');

interface RequestContext {
  readonly req: { readonly headers: Readonly<Record<string, string | string[] | undefined>> };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const clientIdOf = (id: string, field = 'clientId'): string => {
  if (!UUID.test(id)) throw new ClientError('INVALID_ID', `${field} must be a UUID`, field);
  return id.toLowerCase();
};

/** The clients subgraph: thin; the decider decides, the read model answers. */
@Resolver(() => Client)
export class ClientsResolver {
  constructor(@Inject(ClientsService) private readonly clients: ClientsService) {}

  @Query(() => Client, { nullable: true, description: "A client of the caller's organization." })
  client(@Args('clientId', { type: () => ID }) clientId: string, @Context() ctx: RequestContext) {
    return this.run(async () =>
      this.clients.queries.client(this.caller(ctx).organizationId, clientIdOf(clientId)),
    );
  }

  @Query(() => [Client], { description: "A Link Worker's clients (default: the caller's own caseload)." })
  caseload(
    @Context() ctx: RequestContext,
    @Args('linkWorker', { type: () => String, nullable: true }) linkWorker?: string,
  ) {
    return this.run(async () => {
      const caller = this.caller(ctx);
      return this.clients.queries.caseload(caller.organizationId, linkWorker ?? caller.subject);
    });
  }

  @ResolveReference()
  resolveReference(reference: { clientId: string }, @Context() ctx: RequestContext) {
    return this.run(async () =>
      this.clients.queries.client(this.caller(ctx).organizationId, clientIdOf(reference.clientId)),
    );
  }

  @Mutation(() => CommandReceipt, { description: 'A healthcare provider refers a client (new or known).' })
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

  @Mutation(() => CommandReceipt)
  registerClientDetails(@Args('input') input: RegisterClientDetailsInput, @Context() ctx: RequestContext) {
    return this.command(ctx, input.clientId, input.commandId, () => ({
      kind: 'registerDetails',
      givenName: input.givenName,
      familyName: input.familyName,
      ...(input.dateOfBirth ? { dateOfBirth: input.dateOfBirth } : {}),
      ...(input.preferredLanguage ? { preferredLanguage: input.preferredLanguage } : {}),
      today: new Date().toISOString().slice(0, 10),
    }));
  }

  @Mutation(() => CommandReceipt)
  recordConsent(@Args('input') input: RecordConsentInput, @Context() ctx: RequestContext) {
    return this.command(ctx, input.clientId, input.commandId, () => ({
      kind: 'recordConsent',
      consentId: input.consentId,
      purpose: input.purpose,
      ...(input.recipientOrganizationId ? { recipientOrganizationId: input.recipientOrganizationId } : {}),
      at: new Date().toISOString(),
    }));
  }

  @Mutation(() => CommandReceipt)
  assignLinkWorker(@Args('input') input: AssignLinkWorkerInput, @Context() ctx: RequestContext) {
    return this.command(ctx, input.clientId, input.commandId, () => ({
      kind: 'assignLinkWorker',
      linkWorker: input.linkWorker,
    }));
  }

  /** Every mutation: check the id, run the command as the caller, answer with a receipt. */
  private command(
    ctx: RequestContext,
    rawClientId: string,
    commandId: string | undefined,
    build: (clientId: string) => ClientCommand,
  ): Promise<CommandReceipt> {
    return this.run(async () => {
      const clientId = clientIdOf(rawClientId);
      const result = await this.clients.execute(
        clientId,
        build(clientId),
        metadataOf(this.caller(ctx)),
        commandId,
      );
      return { clientId, version: result.nextExpectedVersion, replayed: result.replayed };
    });
  }

  private caller(ctx: RequestContext): Caller {
    return developmentCaller(ctx.req.headers);
  }

  private async run<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw toGraphQLError(error, (name) => {
        log.error({ error: name }, 'internal error in a clients operation');
      });
    }
  }
}
