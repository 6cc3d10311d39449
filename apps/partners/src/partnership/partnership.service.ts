import type { EventMetadata } from '@spn/event-store';
import { handleCommand, type ServiceRuntime } from '@spn/service-kit';
import { PartnerError, partnerDecider, partnerStreamId, type PartnerCommand } from './partner';
import { partnershipProjection } from './partnership.projection';
import { PartnershipQueries } from './partnership.queries';

/** The partnership registry: commands through the partner decider, queries from its read model. */
export class PartnershipService {
  readonly queries: PartnershipQueries;

  private constructor(private readonly runtime: ServiceRuntime) {
    this.queries = new PartnershipQueries(runtime.readModels);
  }

  static async start(runtime: ServiceRuntime): Promise<PartnershipService> {
    await runtime.project(partnershipProjection);
    return new PartnershipService(runtime);
  }

  execute(partnerId: string, command: PartnerCommand, metadata: EventMetadata, commandId?: string) {
    return handleCommand(
      this.runtime.store,
      partnerDecider,
      partnerStreamId(metadata.organizationId, partnerId),
      command,
      {
        metadata,
        ...(commandId ? { commandId } : {}),
        // Another organization's registry entry is, to the caller, no partner at all.
        notFound: () => new PartnerError('PARTNER_NOT_FOUND', 'No partner with this id', 'partnerId'),
      },
    );
  }
}
