import { Field, ID, ObjectType } from '@nestjs/graphql';

/** What every quality-safety command answers: the record it acted on, its version, whether it was a retry. */
@ObjectType()
export class Receipt {
  @Field(() => ID, { description: 'The record acted on (session, entry, record, policy, incident...).' })
  id!: string;
  @Field() version!: number;
  @Field({ description: 'True when this commandId had been handled already: nothing new was stored.' })
  replayed!: boolean;
}

/** The receipt of a handled command on the record `id`. */
export const receiptOf = (
  id: string,
  result: { readonly nextExpectedVersion: number; readonly replayed: boolean },
): Receipt => ({ id, version: result.nextExpectedVersion, replayed: result.replayed });
