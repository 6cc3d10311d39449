import { Field, Int, ObjectType } from '@nestjs/graphql';
import { SUPERVISION_WITHIN_DAYS } from './compliance';

@ObjectType()
export class LinkWorkerCompliance {
  @Field() linkWorker!: string;
  @Field(() => Date, { nullable: true }) lastSupervisionHeldAt!: Date | null;
  @Field({ description: `A supervision session held within ${SUPERVISION_WITHIN_DAYS} days.` })
  supervisionMet!: boolean;
  @Field(() => [String], { description: 'Required topics whose latest record expired.' })
  expiredTopics!: string[];
  @Field(() => [String], { description: 'Required topics never recorded.' }) missingTopics!: string[];
  @Field() trainingCurrent!: boolean;
  @Field(() => Int, { description: 'Policies whose latest version is not acknowledged.' })
  unacknowledgedPolicies!: number;
  @Field(() => Int) activeCases!: number;
  @Field(() => Int, { nullable: true }) threshold!: number | null;
  @Field() overThreshold!: boolean;
  @Field({ description: 'All of the above met.' }) compliant!: boolean;
}

@ObjectType()
export class IncidentCompliance {
  @Field(() => Int, { description: 'Not resolved.' }) open!: number;
  @Field(() => Int, { description: "Open and not acknowledged within their severity's target." })
  overdue!: number;
  @Field(() => Int, { description: 'Open and critical.' }) flagged!: number;
}

@ObjectType({ description: "An organization's quality and safety compliance on a day." })
export class ComplianceView {
  @Field() organizationId!: string;
  @Field() asOf!: Date;
  @Field(() => [LinkWorkerCompliance]) linkWorkers!: LinkWorkerCompliance[];
  @Field(() => IncidentCompliance) incidents!: IncidentCompliance;
}
