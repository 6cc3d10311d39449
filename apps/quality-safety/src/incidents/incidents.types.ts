import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { PageType } from '@spn/service-kit';
import { INCIDENT_KINDS, SEVERITIES } from './incident';

@ObjectType({ description: 'An incident or safeguarding concern; a client only by id, no client data.' })
export class Incident {
  @Field(() => ID) incidentId!: string;
  @Field({ description: INCIDENT_KINDS.join(' or ') }) kind!: string;
  @Field({ description: SEVERITIES.join(', ') }) severity!: string;
  @Field(() => String, { nullable: true }) summary!: string | null;
  @Field(() => ID, { nullable: true }) clientId!: string | null;
  @Field() occurredOn!: string;
  @Field() reportedBy!: string;
  @Field() reportedAt!: Date;
  @Field(() => String, { nullable: true, description: 'supervisor or org-admin' }) escalatedTo!:
    string | null;
  @Field({ description: 'Critical: for the org-admin immediately.' }) flagged!: boolean;
  @Field(() => Date, { nullable: true, description: 'The target for its acknowledgement.' })
  acknowledgeBy!: Date | null;
  @Field(() => Date, { nullable: true }) acknowledgedAt!: Date | null;
  @Field(() => String, { nullable: true }) acknowledgedBy!: string | null;
  @Field(() => Int, { nullable: true }) secondsToAcknowledge!: number | null;
  @Field(() => Date, { nullable: true }) resolvedAt!: Date | null;
  @Field(() => String, { nullable: true }) resolution!: string | null;
  @Field(() => String, { nullable: true }) lessonsLearned!: string | null;
}

@ObjectType({ description: 'Time to acknowledge, for the incidents of one severity acknowledged so far.' })
export class AcknowledgementTime {
  @Field() severity!: string;
  @Field(() => Int) count!: number;
  @Field(() => Float, { nullable: true }) meanSeconds!: number | null;
  @Field(() => Float, { nullable: true }) medianSeconds!: number | null;
}

@InputType()
export class ReportIncidentInput {
  @Field(() => ID, { nullable: true, description: 'Omitted: a new id.' }) incidentId?: string;
  @Field({ description: INCIDENT_KINDS.join(' or ') }) kind!: string;
  @Field({ description: SEVERITIES.join(', ') }) severity!: string;
  @Field({ description: 'What happened; no more client detail than needed.' }) summary!: string;
  @Field(() => ID, { nullable: true, description: "A client of the reporter's organization, by id." })
  clientId?: string;
  @Field({ description: 'YYYY-MM-DD' }) occurredOn!: string;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@InputType()
export class AcknowledgeIncidentInput {
  @Field(() => ID) incidentId!: string;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@InputType()
export class ResolveIncidentInput {
  @Field(() => ID) incidentId!: string;
  @Field() resolution!: string;
  @Field({ description: 'For the organization to learn from: no names.' }) lessonsLearned!: string;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@ObjectType({ description: 'A page of incidents; nextCursor is null on the last page.' })
export class IncidentPage extends PageType(Incident) {}
