import { Inject } from '@nestjs/common';
import { Args, Context, Resolver } from '@nestjs/graphql';
import {
  AllowedMutation,
  AllowedQuery,
  callerOf,
  operationRunner,
  type RequestContext,
} from '@spn/service-kit';
import { ExportsService } from './exports.service';
import { EvaluatorExport, ExportRelease, ReleaseEvaluatorExportInput } from './exports.types';

const run = operationRunner('analytics');
const ANALYST = ['analyst'] as const;

/** Evaluator exports: the analyst releases them; each release is in the log. */
@Resolver(() => EvaluatorExport)
export class ExportsResolver {
  constructor(@Inject(ExportsService) private readonly exports: ExportsService) {}

  @AllowedMutation(() => EvaluatorExport, ANALYST, {
    description:
      'Releases a de-identified export of the clients who consented to evaluation: no identifiers, quasi-identifiers generalised until every group holds at least 5 (k checked before release), Indigenous clients only where the deployment permits; recorded in the log.',
  })
  releaseEvaluatorExport(@Args('input') input: ReleaseEvaluatorExportInput, @Context() ctx: RequestContext) {
    return run(() => this.exports.release(callerOf(ctx.req), input.format, input.purpose, input.exportId));
  }

  @AllowedQuery(() => [ExportRelease], ANALYST, {
    description: "The organization's export releases, newest first.",
  })
  evaluatorExports(@Context() ctx: RequestContext) {
    return run(() => this.exports.queries.releases(callerOf(ctx.req).organizationId));
  }
}
