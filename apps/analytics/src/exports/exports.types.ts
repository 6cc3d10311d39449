import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PageType } from '@spn/service-kit';

export const ExportFormatValue = { CSV: 'csv', JSON: 'json' } as const;
registerEnumType(ExportFormatValue, { name: 'ExportFormat' });

@InputType()
export class ReleaseEvaluatorExportInput {
  @Field(() => ExportFormatValue) format!: 'csv' | 'json';
  @Field({ description: 'What the evaluation is (recorded with the release).' }) purpose!: string;
  @Field(() => ID, {
    nullable: true,
    description: 'Chosen by the caller to make a retry safe; a second release is refused.',
  })
  exportId?: string;
}

@ObjectType({
  description: 'A de-identified, k-anonymous export of consented clients, recorded when released.',
})
export class EvaluatorExport {
  @Field(() => ID) exportId!: string;
  @Field(() => ExportFormatValue) format!: string;
  @Field(() => Int) records!: number;
  @Field(() => Int, { description: 'Records dropped because they stayed in a group under k.' })
  suppressedRecords!: number;
  @Field(() => Int, { description: 'Indigenous clients left out: the governance flag does not permit them.' })
  excludedIndigenousRecords!: number;
  @Field({ description: 'excluded or included (SPN_INDIGENOUS_DATA_IN_EXPORTS).' }) indigenousData!: string;
  @Field(() => Int) k!: number;
  @Field(() => Int, { description: 'The smallest group of records sharing every quasi-identifier.' })
  smallestClass!: number;
  @Field(() => [String]) columns!: string[];
  @Field({
    description:
      'Where the one copy is downloaded: GET this path on the gateway with the same token (CSV per RFC 4180, or a JSON array), once, before downloadBefore.',
  })
  download!: string;
  @Field({ description: 'After this the export cannot be downloaded: release a new one.' })
  downloadBefore!: Date;
}

@ObjectType({ description: 'An export released: who, when, what, how protected; never its data.' })
export class ExportRelease {
  @Field(() => ID) exportId!: string;
  @Field() releasedBy!: string;
  @Field() format!: string;
  @Field() purpose!: string;
  @Field(() => Int) records!: number;
  @Field(() => Int) suppressedRecords!: number;
  @Field(() => Int) excludedIndigenousRecords!: number;
  @Field() indigenousData!: string;
  @Field(() => Int) k!: number;
  @Field() releasedAt!: Date;
}

@ObjectType({ description: 'A page of export releases; nextCursor is null on the last page.' })
export class ExportReleasePage extends PageType(ExportRelease) {}
