import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { PageType } from '@spn/service-kit';

@ObjectType({ description: 'An event as an auditor sees it: who, when, for whom, why; data as stored.' })
export class AuditEvent {
  @Field(() => Int) globalPosition!: number;
  @Field() streamId!: string;
  @Field(() => Int) streamVersion!: number;
  @Field(() => ID) eventId!: string;
  @Field() type!: string;
  @Field() organizationId!: string;
  @Field() occurredAt!: string;
  @Field() recordedAt!: string;
  @Field() actorSubject!: string;
  @Field() actorOrganizationId!: string;
  @Field(() => [String]) actorRoles!: string[];
  @Field(() => String, { nullable: true }) onBehalfOf!: string | null;
  @Field() purposeOfUse!: string;
  @Field() correlationId!: string;
  @Field(() => String, { nullable: true }) causationId!: string | null;
  @Field({ description: 'The data as JSON, as stored: personal fields stay encrypted (pd1:…).' })
  data!: string;
  @Field({ description: "The event's hash in its stream's chain." }) hash!: string;
  @Field(() => String, {
    nullable: true,
    description: 'When its subject was erased (their key destroyed): the personal fields are unreadable.',
  })
  erasedAt!: string | null;
}

@ObjectType({ description: 'A page of the event log, by position; nextCursor is null on the last page.' })
export class AuditEventPage extends PageType(AuditEvent) {}

@InputType()
export class AuditHistoryFilter {
  @Field({ nullable: true }) streamId?: string;
  @Field({ nullable: true, description: 'Only with the deployment scope: another organization.' })
  organizationId?: string;
  @Field({ nullable: true, description: 'The acting subject.' }) actorSubject?: string;
  @Field({ nullable: true, description: 'An exact type, or a prefix ending in * (clients.*).' })
  type?: string;
  @Field({ nullable: true, description: 'Recorded at or after (ISO 8601).' }) from?: Date;
  @Field({ nullable: true, description: 'Recorded at or before (ISO 8601).' }) to?: Date;
}

@ObjectType({ description: 'A stream as it stood at a moment.' })
export class AuditStreamMoment {
  @Field() streamId!: string;
  @Field() asOf!: string;
  @Field(() => Int, { description: "The stream's version then (0: it did not exist yet)." }) version!: number;
  @Field(() => [AuditEvent]) events!: AuditEvent[];
  @Field({ description: "Each event's data merged over the previous ones (JSON): what was said, when." })
  state!: string;
}

@ObjectType()
export class AuditChange {
  @Field({ description: 'JSON Pointer of the field.' }) path!: string;
  @Field({ description: 'added, removed or changed' }) kind!: string;
  @Field(() => String, { nullable: true, description: 'JSON' }) before!: string | null;
  @Field(() => String, { nullable: true, description: 'JSON' }) after!: string | null;
}

@ObjectType({ description: 'A stream at two moments: what came between, who appended it, what changed.' })
export class AuditComparison {
  @Field() streamId!: string;
  @Field(() => Int) fromVersion!: number;
  @Field(() => Int) toVersion!: number;
  @Field(() => [AuditEvent]) between!: AuditEvent[];
  @Field(() => [String]) appendedBy!: string[];
  @Field(() => [AuditChange]) changes!: AuditChange[];
}

@ObjectType()
export class IntegrityProblem {
  @Field({ description: 'edited, deleted, reordered or inserted' }) kind!: string;
  @Field(() => Int, { nullable: true }) globalPosition!: number | null;
  @Field(() => String, { nullable: true, description: "Only for the auditor's own organization's streams." })
  streamId!: string | null;
  @Field() detail!: string;
}

@ObjectType({ description: 'The hash chains and seals of a range, or of the whole log, verified.' })
export class IntegrityReport {
  @Field() ok!: boolean;
  @Field() verifiedAt!: string;
  @Field(() => Int) eventsChecked!: number;
  @Field(() => Int) streamsChecked!: number;
  @Field(() => Int) sealsChecked!: number;
  @Field(() => Int) unsealedEvents!: number;
  @Field(() => [IntegrityProblem]) problems!: IntegrityProblem[];
  @Field({ description: 'The whole report as JSON (spn.integrity-report/1), to keep.' }) report!: string;
}
