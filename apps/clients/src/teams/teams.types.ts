import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PageType } from '@spn/service-kit';
import { Client } from '../clients/clients.types';

export enum TeamRoleValue {
  linkWorker = 'link-worker',
  supervisor = 'supervisor',
}
registerEnumType(TeamRoleValue, { name: 'TeamRole' });

@ObjectType()
export class TeamMember {
  @Field({ description: "The member's subject (user id)." }) subject!: string;
  @Field(() => TeamRoleValue) role!: TeamRoleValue;
  @Field() addedAt!: Date;
}

@ObjectType({ description: 'Link Workers and the supervisors who supervise them.' })
export class Team {
  @Field(() => ID) teamId!: string;
  @Field() name!: string;
  @Field() formedAt!: Date;
  @Field(() => [TeamMember]) members!: TeamMember[];
}

@ObjectType({ description: "One Link Worker's caseload, as their supervisor sees it." })
export class TeamCaseload {
  @Field({ description: "The Link Worker's subject (user id)." }) linkWorker!: string;
  @Field(() => [Client]) clients!: Client[];
}

@ObjectType()
export class TeamReceipt {
  @Field(() => ID) teamId!: string;
  @Field() version!: number;
  @Field({ description: 'True when this commandId had been handled already: nothing new was stored.' })
  replayed!: boolean;
}

@InputType()
export class FormTeamInput {
  @Field(() => ID, { nullable: true, description: 'Omitted: a new id.' }) teamId?: string;
  @Field() name!: string;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@InputType()
export class AddTeamMemberInput {
  @Field(() => ID) teamId!: string;
  @Field({ description: "The member's subject (user id)." }) subject!: string;
  @Field(() => TeamRoleValue) role!: TeamRoleValue;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@InputType()
export class RemoveTeamMemberInput {
  @Field(() => ID) teamId!: string;
  @Field() subject!: string;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@ObjectType({ description: 'A page of teams; nextCursor is null on the last page.' })
export class TeamPage extends PageType(Team) {}

@ObjectType({ description: "A page of Link Workers' caseloads; nextCursor is null on the last page." })
export class TeamCaseloadPage extends PageType(TeamCaseload) {}
