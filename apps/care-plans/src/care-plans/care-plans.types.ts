import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PageType } from '@spn/service-kit';

export enum TimepointValue {
  baseline = 'baseline',
  followUp = 'follow-up',
}
registerEnumType(TimepointValue, { name: 'Timepoint' });

export enum MeasureValue {
  ONS4 = 'ONS4',
  UCLA3 = 'UCLA3',
  SWEMWBS = 'SWEMWBS',
  MYCAW = 'MYCAW',
}
registerEnumType(MeasureValue, { name: 'OutcomeMeasure' });

@ObjectType()
export class NeedRatingView {
  @Field() need!: string;
  @Field() priority!: string;
}

@ObjectType()
export class ReadinessView {
  @Field() stage!: string;
  @Field(() => Int) importance!: number;
  @Field(() => Int) confidence!: number;
  @Field() ratedAt!: string;
}

@ObjectType()
export class GoalView {
  @Field(() => ID) goalId!: string;
  @Field({ description: "The goal in the client's own words." }) inClientsWords!: string;
  @Field(() => [ReadinessView], { description: 'Readiness for change, oldest first.' })
  readiness!: ReadinessView[];
}

@ObjectType()
export class ActionView {
  @Field(() => ID) actionId!: string;
  @Field(() => ID) goalId!: string;
  @Field() description!: string;
  @Field() owner!: string;
  @Field({ description: 'YYYY-MM-DD' }) due!: string;
}

@ObjectType()
export class FollowUpView {
  @Field() attended!: boolean;
  @Field() note!: string;
  @Field() followedUpAt!: string;
}

@ObjectType()
export class ReferralStatusEntry {
  @Field({ description: 'A FHIR SDOH referral Task status.' }) status!: string;
  @Field() enteredAt!: string;
  @Field({ description: 'requester or receiver' }) by!: string;
  @Field(() => String, { nullable: true }) reason!: string | null;
}

@ObjectType({ description: "The partner's side of a prescription: the closed-loop referral's status." })
export class ReferralStatusOfPrescription {
  @Field({ description: 'A FHIR SDOH referral Task status.' }) status!: string;
  @Field() since!: string;
  @Field(() => [ReferralStatusEntry]) history!: ReferralStatusEntry[];
}

@ObjectType()
export class PrescriptionView {
  @Field(() => ID) prescriptionId!: string;
  @Field(() => ID, { nullable: true }) goalId!: string | null;
  @Field() need!: string;
  @Field() resourceName!: string;
  @Field(() => String, { nullable: true }) partnerOrganizationId!: string | null;
  @Field(() => ID, { nullable: true, description: 'The directory (HSDS) service.' }) serviceId?: string;
  @Field({ description: 'YYYY-MM-DD' }) followUpOn!: string;
  @Field() prescribedAt!: string;
  @Field(() => [FollowUpView]) followUps!: FollowUpView[];
  @Field(() => ReferralStatusOfPrescription, {
    nullable: true,
    description: 'Addressed to a partner: where its referral stands (from the partners context).',
  })
  referral?: ReferralStatusOfPrescription | null;
}

@ObjectType()
export class ScoreLineView {
  @Field() name!: string;
  @Field() value!: number;
  @Field(() => String, { nullable: true }) band!: string | null;
  @Field(() => String, {
    nullable: true,
    description: "A MYCaW concern in the client's words, so a follow-up can re-rate the same concern.",
  })
  description?: string | null;
}

@ObjectType()
export class OutcomeView {
  @Field(() => ID) measurementId!: string;
  @Field({ description: 'ONS4, UCLA3, SWEMWBS or MYCAW' }) measure!: string;
  @Field({ description: 'baseline or follow-up' }) timepoint!: string;
  @Field() recordedAt!: string;
  @Field(() => [ScoreLineView]) scores!: ScoreLineView[];
}

@ObjectType({
  description: 'A score at baseline against the latest follow-up, and whether that is better for the client.',
})
export class ChangeView {
  @Field({ description: 'ONS4, UCLA3, SWEMWBS or MYCAW' }) measure!: string;
  @Field() name!: string;
  @Field() baseline!: number;
  @Field() followUp!: number;
  @Field() change!: number;
  @Field({ description: 'improved, worse or unchanged' }) direction!: string;
}

@ObjectType()
export class ReviewView {
  @Field(() => ID) reviewId!: string;
  @Field() summary!: string;
  @Field() reviewedAt!: string;
}

@ObjectType({ description: 'A coaching or motivational interviewing session.' })
export class SessionView {
  @Field(() => ID) sessionId!: string;
  @Field({ description: 'coaching or motivational-interviewing' }) kind!: string;
  @Field(() => ID, { nullable: true }) goalId!: string | null;
  @Field() notes!: string;
  @Field() heldAt!: string;
}

@ObjectType({ description: 'Hands-on navigation: accompanying the client, transport, forms.' })
export class NavigationTaskView {
  @Field(() => ID) taskId!: string;
  @Field({ description: 'accompany, transport, forms or other' }) kind!: string;
  @Field() description!: string;
  @Field({ description: 'YYYY-MM-DD' }) due!: string;
  @Field({ description: 'open, done or cancelled' }) status!: string;
  @Field(() => [String], { description: 'Barriers met, in the order recorded.' }) barriers!: string[];
}

@ObjectType({ description: "A client's care plan, co-created with the client." })
export class CarePlan {
  @Field(() => ID) planId!: string;
  @Field(() => ID) clientId!: string;
  @Field() linkWorker!: string;
  @Field({ description: 'open or closed' }) status!: string;
  @Field() openedAt!: string;
  @Field(() => String, { nullable: true, description: 'When the client agreed to the plan.' }) agreedAt!:
    string | null;
  @Field(() => String, { nullable: true }) closedAt!: string | null;
  @Field(() => String, { nullable: true }) closeReason!: string | null;
  @Field(() => String, { nullable: true, description: 'The note written when the plan was closed.' })
  closeNote!: string | null;
  @Field(() => String, { nullable: true }) whatMattersToMe!: string | null;
  @Field(() => [String]) strengths!: string[];
  @Field(() => [NeedRatingView]) needs!: NeedRatingView[];
  @Field(() => [GoalView]) goals!: GoalView[];
  @Field(() => [ActionView]) actions!: ActionView[];
  @Field(() => [PrescriptionView]) prescriptions!: PrescriptionView[];
  @Field(() => [OutcomeView]) outcomes!: OutcomeView[];
  @Field(() => [ChangeView]) changes!: ChangeView[];
  @Field(() => [ReviewView]) reviews!: ReviewView[];
  @Field(() => [SessionView]) sessions!: SessionView[];
  @Field(() => [NavigationTaskView]) navigationTasks!: NavigationTaskView[];
}

@ObjectType({
  description: 'What a command stored: the stream version after it, and whether it was a retry.',
})
export class CarePlanReceipt {
  @Field(() => ID) clientId!: string;
  @Field() version!: number;
  @Field() replayed!: boolean;
}

@InputType()
export class OpenCarePlanInput {
  @Field(() => ID) clientId!: string;
  @Field(() => ID, { nullable: true, description: 'Omitted: a new id.' }) planId?: string;
  @Field({ nullable: true, description: "The Link Worker's subject; default the caller." })
  linkWorker?: string;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@InputType()
export class NeedRatingInput {
  @Field() need!: string;
  @Field({ description: 'high, medium or low' }) priority!: string;
}

@InputType()
export class AssessNeedsInput {
  @Field(() => ID) clientId!: string;
  @Field(() => ID) assessmentId!: string;
  @Field(() => [NeedRatingInput]) needs!: NeedRatingInput[];
  @Field({ description: "What matters to me, in the client's words." }) whatMattersToMe!: string;
  @Field(() => [String]) strengths!: string[];
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@InputType()
export class SetGoalInput {
  @Field(() => ID) clientId!: string;
  @Field(() => ID) goalId!: string;
  @Field() inClientsWords!: string;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@InputType()
export class RateReadinessInput {
  @Field(() => ID) clientId!: string;
  @Field(() => ID) goalId!: string;
  @Field({ description: 'precontemplation, contemplation, preparation, action or maintenance' })
  stage!: string;
  @Field(() => Int, { description: '0 to 10' }) importance!: number;
  @Field(() => Int, { description: '0 to 10' }) confidence!: number;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@InputType()
export class PlanActionInput {
  @Field(() => ID) clientId!: string;
  @Field(() => ID) actionId!: string;
  @Field(() => ID) goalId!: string;
  @Field() description!: string;
  @Field({ description: 'client, link-worker, caregiver or partner' }) owner!: string;
  @Field({ description: 'YYYY-MM-DD' }) due!: string;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@InputType()
export class ClientRefInput {
  @Field(() => ID) clientId!: string;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@InputType()
export class PrescribeInput {
  @Field(() => ID) clientId!: string;
  @Field(() => ID) prescriptionId!: string;
  @Field(() => ID, { nullable: true }) goalId?: string;
  @Field() need!: string;
  @Field() resourceName!: string;
  @Field({ nullable: true }) partnerOrganizationId?: string;
  @Field(() => ID, { nullable: true, description: 'The directory (HSDS) service prescribed, if any.' })
  serviceId?: string;
  @Field({ description: 'YYYY-MM-DD' }) followUpOn!: string;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@InputType()
export class FollowUpInput {
  @Field(() => ID) clientId!: string;
  @Field(() => ID) prescriptionId!: string;
  @Field() attended!: boolean;
  @Field() note!: string;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@InputType()
export class Ons4Input {
  @Field(() => Int) lifeSatisfaction!: number;
  @Field(() => Int) worthwhile!: number;
  @Field(() => Int) happy!: number;
  @Field(() => Int) anxious!: number;
}

@InputType()
export class Ucla3Input {
  @Field(() => Int) lackCompanionship!: number;
  @Field(() => Int) leftOut!: number;
  @Field(() => Int) isolated!: number;
}

@InputType()
export class MycawConcernInput {
  @Field(() => ID) id!: string;
  @Field({ description: "The concern in the client's words." }) description!: string;
  @Field(() => Int, { description: '0 (not bothering me) to 6 (bothers me greatly)' }) score!: number;
}

@InputType()
export class MycawInput {
  @Field(() => [MycawConcernInput]) concerns!: MycawConcernInput[];
  @Field(() => Int, { description: '0 (as good as it could be) to 6 (as bad as it could be)' })
  wellbeing!: number;
}

@InputType({ description: 'The answers of one measure: give the field of that measure only.' })
export class RecordOutcomeInput {
  @Field(() => ID) clientId!: string;
  @Field(() => ID) measurementId!: string;
  @Field(() => TimepointValue) timepoint!: TimepointValue;
  @Field(() => MeasureValue) measure!: MeasureValue;
  @Field(() => Ons4Input, { nullable: true }) ons4?: Ons4Input;
  @Field(() => Ucla3Input, { nullable: true }) ucla3?: Ucla3Input;
  @Field(() => [Int], {
    nullable: true,
    description: 'SWEMWBS: the seven items, 1 to 5, in the form’s order',
  })
  swemwbs?: number[];
  @Field(() => MycawInput, { nullable: true }) mycaw?: MycawInput;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@InputType()
export class ReviewPlanInput {
  @Field(() => ID) clientId!: string;
  @Field(() => ID) reviewId!: string;
  @Field() summary!: string;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@InputType()
export class ClosePlanInput {
  @Field(() => ID) clientId!: string;
  @Field({ description: 'goals-met, client-withdrew, transferred, no-contact or other' }) reason!: string;
  @Field({ nullable: true }) note?: string;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@InputType()
export class RecordSessionInput {
  @Field(() => ID) clientId!: string;
  @Field(() => ID) sessionId!: string;
  @Field({ description: 'coaching or motivational-interviewing' }) kind!: string;
  @Field(() => ID, { nullable: true }) goalId?: string;
  @Field() notes!: string;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@InputType()
export class AddNavigationTaskInput {
  @Field(() => ID) clientId!: string;
  @Field(() => ID) taskId!: string;
  @Field({ description: 'accompany, transport, forms or other' }) kind!: string;
  @Field() description!: string;
  @Field({ description: 'YYYY-MM-DD' }) due!: string;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@InputType()
export class UpdateNavigationTaskInput {
  @Field(() => ID) clientId!: string;
  @Field(() => ID) taskId!: string;
  @Field({ description: 'open, done or cancelled' }) status!: string;
  @Field({ nullable: true, description: 'A barrier met, if any.' }) barrier?: string;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@ObjectType({ description: 'A confirmed change to a directory service a plan has an open referral to.' })
export class ServiceAlert {
  @Field(() => ID) reportId!: string;
  @Field(() => ID) clientId!: string;
  @Field(() => ID) prescriptionId!: string;
  @Field(() => ID) serviceId!: string;
  @Field() resourceName!: string;
  @Field({ description: 'closed, waitlist, eligibility-changed, hours-changed or other' }) kind!: string;
  @Field() summary!: string;
  @Field() confirmedAt!: Date;
}

@ObjectType({ description: 'A page of care plans; nextCursor is null on the last page.' })
export class CarePlanPage extends PageType(CarePlan) {}

@ObjectType({ description: 'A page of service alerts; nextCursor is null on the last page.' })
export class ServiceAlertPage extends PageType(ServiceAlert) {}
