import type { Provider, Type } from '@nestjs/common';
import type { ServiceRuntime } from '@spn/service-kit';
import type { OrganizationQueries } from '../organization/organization.queries';
import { JournalResolver } from './journal.resolver';
import { JournalService } from './journal.service';

/** The reflective practice journal, private to its author unless shared with their supervisor(s). */
export const startJournal = async (
  runtime: ServiceRuntime,
  organization: OrganizationQueries,
): Promise<readonly Provider[]> => [
  { provide: JournalService, useValue: await JournalService.start(runtime, organization) },
];
export const JOURNAL_RESOLVERS: readonly Type[] = [JournalResolver];
