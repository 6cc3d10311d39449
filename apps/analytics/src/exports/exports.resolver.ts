import { Inject } from '@nestjs/common';
import { Args, Context, Resolver } from '@nestjs/graphql';
import {
  AllowedMutation,
  AllowedQuery,
  callerOf,
  operationRunner,
  PageArgs,
  pageRequest,
  type RequestContext,
} from '@spn/service-kit';
import { ExportsService } from './exports.service';
import { EvaluatorExport, ExportReleasePage, ReleaseEvaluatorExportInput } from './exports.types';

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

  @AllowedQuery(() => ExportReleasePage, ANALYST, {
    description: "The organization's export releases, newest first, a page at a time.",
  })
  evaluatorExports(@Context() ctx: RequestContext, @Args() page: PageArgs) {
    return run(() => this.exports.queries.releases(callerOf(ctx.req).organizationId, pageRequest(page, 2)));
  }
}
