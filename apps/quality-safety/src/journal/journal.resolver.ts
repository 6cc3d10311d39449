import { Inject } from '@nestjs/common';
import { Args, Context, Resolver } from '@nestjs/graphql';
import {
  AccessAudit,
  AllowedMutation,
  AllowedQuery,
  callerOf,
  Clock,
  operationRunner,
  PageArgs,
  pageRequest,
  uuidArgument,
  type RequestContext,
} from '@spn/service-kit';
import { randomUUID } from 'node:crypto';
import { Receipt, receiptOf } from '../shared/receipt.types';
import type { JournalCommand } from './journal';
import { JournalService } from './journal.service';
import { JournalEntry, JournalEntryInput, JournalEntryPage, WriteJournalEntryInput } from './journal.types';

const run = operationRunner('quality-safety');

/** The reflective practice journal: written and shared by its author only. */
@Resolver(() => JournalEntry)
export class JournalResolver {
  constructor(
    @Inject(JournalService) private readonly journal: JournalService,
    @Inject(AccessAudit) private readonly audit: AccessAudit,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @AllowedQuery(() => JournalEntryPage, ['link-worker', 'supervisor', 'org-admin', 'auditor'], {
    description:
      "Journal entries of `author` (default: one's own; a supervisor's Link Workers'; the organization's for an admin or auditor), newest first, a page at a time. The text only for the author, or a supervisor of the author's team for a shared entry.",
  })
  journalEntries(
    @Args('author', { type: () => String, nullable: true }) author: string | undefined,
    @Context() ctx: RequestContext,
    @Args() page: PageArgs,
  ) {
    return run(() =>
      this.journal.entries(callerOf(ctx.req), this.audit, pageRequest(page, 3), author ?? undefined),
    );
  }

  @AllowedMutation(() => Receipt, ['link-worker'], {
    description: "A private entry in the caller's own journal.",
  })
  writeJournalEntry(@Args('input') input: WriteJournalEntryInput, @Context() ctx: RequestContext) {
    const entryId = input.entryId ?? randomUUID();
    return this.command(ctx, entryId, input.commandId, (id) => ({
      kind: 'write',
      entryId: id,
      text: input.text,
      at: this.clock.timestamp(),
    }));
  }

  @AllowedMutation(() => Receipt, ['link-worker'], {
    description: "Shares one's entry with one's supervisor(s).",
  })
  shareJournalEntry(@Args('input') input: JournalEntryInput, @Context() ctx: RequestContext) {
    return this.command(ctx, input.entryId, input.commandId, (entryId) => ({
      kind: 'share',
      entryId,
      at: this.clock.timestamp(),
    }));
  }

  @AllowedMutation(() => Receipt, ['link-worker'], { description: 'Makes a shared entry private again.' })
  unshareJournalEntry(@Args('input') input: JournalEntryInput, @Context() ctx: RequestContext) {
    return this.command(ctx, input.entryId, input.commandId, (entryId) => ({
      kind: 'unshare',
      entryId,
      at: this.clock.timestamp(),
    }));
  }

  private command(
    ctx: RequestContext,
    rawEntryId: string,
    commandId: string | undefined,
    build: (entryId: string) => JournalCommand,
  ): Promise<Receipt> {
    return run(async () => {
      const entryId = uuidArgument(rawEntryId, 'entryId');
      return receiptOf(entryId, await this.journal.execute(callerOf(ctx.req), build(entryId), commandId));
    });
  }
}
