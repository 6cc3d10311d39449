import { Controller, Get, HttpStatus, Inject, Param, Req, Res } from '@nestjs/common';
import { createLogger } from '@spn/observability';
import {
  AccessAudit,
  authorizeRest,
  restBadRequest,
  restErrorOf,
  RestRoles,
  type AuthenticatedRequest,
} from '@spn/service-kit';
import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EXPORT_ID } from './evaluator-export';
import { ExportsService } from './exports.service';

const log = createLogger('analytics');
const ANALYST = ['analyst'] as const;
/** A client that stops reading for this long loses the download (the snapshot it holds open ends). */
export const EXPORT_IDLE_MS = 30_000;

/** Each refusal's status: nothing is sent but the error, and the export stays as it was. */
const STATUS: Readonly<Record<string, HttpStatus>> = {
  EXPORT_NOT_FOUND: HttpStatus.NOT_FOUND,
  NOT_RELEASER: HttpStatus.FORBIDDEN,
  ALREADY_DOWNLOADED: HttpStatus.GONE,
  EXPORT_EXPIRED: HttpStatus.GONE,
  EXPORT_CHANGED: HttpStatus.CONFLICT,
};

/**
 * `GET /exports/<exportId>`: a released evaluator export's one copy, streamed (CSV or JSON as released),
 * for the analyst who released it. Authenticated like `/graphql` (401 before this handler); the role
 * is checked here and a refusal audited.
 */
@Controller('exports')
export class ExportsController {
  constructor(
    @Inject(ExportsService) private readonly exports: ExportsService,
    @Inject(AccessAudit) private readonly audit: AccessAudit,
  ) {}

  @Get(':exportId')
  @RestRoles(...ANALYST)
  async download(
    @Req() req: AuthenticatedRequest,
    @Param('exportId') exportId: string,
    @Res() res: ServerResponse,
  ): Promise<void> {
    try {
      const caller = await authorizeRest(this.audit, req, {
        roles: ANALYST,
        operation: 'GET /exports/:exportId',
        resourceType: 'export',
      });
      if (!EXPORT_ID.test(exportId))
        throw restBadRequest('INVALID_ID', 'exportId must be 1 to 100 letters, digits, - or _', 'exportId');
      await this.exports.download(caller, exportId, async (download) => {
        res.statusCode = HttpStatus.OK;
        res.setHeader('content-type', download.contentType);
        res.setHeader(
          'content-disposition',
          `attachment; filename="evaluator-export-${download.exportId}.${download.format}"`,
        );
        res.setHeader('cache-control', 'no-store');
        res.setTimeout(EXPORT_IDLE_MS, () => res.destroy(new Error('export: the client stopped reading')));
        try {
          await pipeline(Readable.from(download.chunks), res);
        } catch (error) {
          // The client went away or stalled, or a read failed: the answer is cut, never ended as if whole.
          log.warn({ error: error instanceof Error ? error.name : 'error' }, 'evaluator export ended early');
        }
      });
    } catch (error) {
      throw restErrorOf('analytics', error, (domain) => STATUS[domain.code]);
    }
  }
}
