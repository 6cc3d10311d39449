import {
  Body,
  Controller,
  Get,
  HttpException,
  HttpStatus,
  Inject,
  Param,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Role } from '@spn/auth';
import {
  AccessAudit,
  authorizeRest,
  metadataOf,
  restBadRequest,
  restErrorOf,
  restRefusal,
  RestRoles,
  type AuthenticatedRequest,
  type Caller,
} from '@spn/service-kit';
import { createLogger } from '@spn/observability';
import { DirectoryService } from './directory.service';
import { DIRECTORY_READERS, STEWARDS } from './directory.roles';
import { HSDS_PROFILE, HSDS_VERSION } from './hsds/hsds.model';
import { HsdsValidationError } from './hsds/hsds.validation';
import type { PageRequest, ServiceFilter } from './directory.queries';

const log = createLogger('partners');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The HSDS errors: a document's issues, each naming its path; a missing record 404; a non-steward 403. */
function toHttpError(error: unknown): HttpException {
  if (error instanceof HsdsValidationError)
    return restRefusal(
      HttpStatus.BAD_REQUEST,
      error.issues.map((issue) => ({
        message: `${issue.path}: ${issue.message}`,
        extensions: { code: issue.code, field: issue.path },
      })),
    );
  return restErrorOf('partners', error, (domain) =>
    domain.code.endsWith('NOT_FOUND')
      ? HttpStatus.NOT_FOUND
      : domain.code === 'NOT_STEWARD'
        ? HttpStatus.FORBIDDEN
        : undefined,
  );
}

const positive = (value: string | undefined, field: string): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw restBadRequest('INVALID_VALUE', `${field} must be a whole number from 1`, field);
  return n;
};
const uuidParam = (value: string | undefined, field: string): string | undefined => {
  if (value === undefined) return undefined;
  if (!UUID.test(value)) throw restBadRequest('INVALID_ID', `${field} must be a UUID`, field);
  return value.toLowerCase();
};

/**
 * The HSDS 3.0 API (Open Referral's required and optional read endpoints, plus import and export),
 * under `/hsds`. The authentication middleware has verified the token (401 otherwise); each handler
 * checks the caller's roles as the GraphQL guard does, and a refusal is audited.
 */
@Controller('hsds')
export class HsdsController {
  constructor(
    @Inject(DirectoryService) private readonly directory: DirectoryService,
    @Inject(AccessAudit) private readonly audit: AccessAudit,
  ) {}

  /** The caller, if one of `roles`; else the refusal, recorded in the access audit, and 403. */
  private authorize(req: AuthenticatedRequest, roles: readonly Role[], operation: string): Promise<Caller> {
    return authorizeRest(this.audit, req, { roles, operation, resourceType: 'hsds' });
  }

  private async handle<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw toHttpError(error);
    }
  }

  @Get()
  @RestRoles(...DIRECTORY_READERS)
  info(@Req() req: AuthenticatedRequest) {
    return this.handle(async () => {
      await this.authorize(req, DIRECTORY_READERS, 'GET /hsds');
      return {
        version: HSDS_VERSION,
        profile: HSDS_PROFILE,
        description: 'The social prescribing network resource directory (HSDS 3.0).',
        publisher: { name: 'Social Prescribing Network' },
      };
    });
  }

  @Get('services')
  @RestRoles(...DIRECTORY_READERS)
  services(
    @Req() req: AuthenticatedRequest,
    @Query('page') page?: string,
    @Query('per_page') perPage?: string,
    @Query('search') search?: string,
    @Query('taxonomy_id') taxonomyId?: string,
    @Query('taxonomy_term_id') taxonomyTermId?: string,
    @Query('organization_id') organizationId?: string,
    @Query('modified_after') modifiedAfter?: string,
  ) {
    return this.handle(async () => {
      await this.authorize(req, DIRECTORY_READERS, 'GET /hsds/services');
      return this.directory.queries.services(
        this.filterOf({ search, taxonomyId, taxonomyTermId, organizationId, modifiedAfter }),
        this.pageOf(page, perPage),
      );
    });
  }

  @Get('services/:id')
  @RestRoles(...DIRECTORY_READERS)
  service(@Req() req: AuthenticatedRequest, @Param('id') id: string) {
    return this.handle(async () => {
      await this.authorize(req, DIRECTORY_READERS, 'GET /hsds/services/{id}');
      const service = await this.directory.queries.fullService(uuidParam(id, 'id') ?? id);
      if (!service)
        throw restRefusal(HttpStatus.NOT_FOUND, [
          { message: 'No service with this id', extensions: { code: 'NOT_FOUND', field: 'id' } },
        ]);
      return service;
    });
  }

  @Get('organizations')
  @RestRoles(...DIRECTORY_READERS)
  organizations(
    @Req() req: AuthenticatedRequest,
    @Query('page') page?: string,
    @Query('per_page') perPage?: string,
    @Query('search') search?: string,
  ) {
    return this.handle(async () => {
      await this.authorize(req, DIRECTORY_READERS, 'GET /hsds/organizations');
      return this.directory.queries.organizations(search ? { search } : {}, this.pageOf(page, perPage));
    });
  }

  @Get('organizations/:id')
  @RestRoles(...DIRECTORY_READERS)
  organization(@Req() req: AuthenticatedRequest, @Param('id') id: string) {
    return this.handle(async () => {
      await this.authorize(req, DIRECTORY_READERS, 'GET /hsds/organizations/{id}');
      const organization = await this.directory.queries.organization(uuidParam(id, 'id') ?? id);
      if (!organization)
        throw restRefusal(HttpStatus.NOT_FOUND, [
          { message: 'No organization with this id', extensions: { code: 'NOT_FOUND', field: 'id' } },
        ]);
      return organization;
    });
  }

  @Get('service_at_locations')
  @RestRoles(...DIRECTORY_READERS)
  serviceAtLocations(
    @Req() req: AuthenticatedRequest,
    @Query('page') page?: string,
    @Query('per_page') perPage?: string,
    @Query('search') search?: string,
    @Query('taxonomy_id') taxonomyId?: string,
    @Query('taxonomy_term_id') taxonomyTermId?: string,
    @Query('organization_id') organizationId?: string,
    @Query('modified_after') modifiedAfter?: string,
  ) {
    return this.handle(async () => {
      await this.authorize(req, DIRECTORY_READERS, 'GET /hsds/service_at_locations');
      return this.directory.queries.serviceAtLocations(
        this.filterOf({ search, taxonomyId, taxonomyTermId, organizationId, modifiedAfter }),
        this.pageOf(page, perPage),
      );
    });
  }

  @Get('taxonomies')
  @RestRoles(...DIRECTORY_READERS)
  taxonomies(
    @Req() req: AuthenticatedRequest,
    @Query('page') page?: string,
    @Query('per_page') perPage?: string,
    @Query('search') search?: string,
  ) {
    return this.handle(async () => {
      await this.authorize(req, DIRECTORY_READERS, 'GET /hsds/taxonomies');
      return this.directory.queries.taxonomies(search ? { search } : {}, this.pageOf(page, perPage));
    });
  }

  @Get('taxonomy_terms')
  @RestRoles(...DIRECTORY_READERS)
  taxonomyTerms(
    @Req() req: AuthenticatedRequest,
    @Query('page') page?: string,
    @Query('per_page') perPage?: string,
    @Query('search') search?: string,
    @Query('taxonomy_id') taxonomyId?: string,
  ) {
    return this.handle(async () => {
      await this.authorize(req, DIRECTORY_READERS, 'GET /hsds/taxonomy_terms');
      const taxonomy = uuidParam(taxonomyId, 'taxonomy_id');
      return this.directory.queries.taxonomyTerms(
        { ...(search ? { search } : {}), ...(taxonomy ? { taxonomyId: taxonomy } : {}) },
        this.pageOf(page, perPage),
      );
    });
  }

  /**
   * The whole directory, streamed: the JSON is written as the rows are read, batch by batch, and the
   * next batch is read only once the socket has taken the last (`pipeline` waits for `drain`). A read
   * failing midway ends the connection without the closing bytes: never a truncated document that parses.
   */
  @Get('export')
  @RestRoles(...DIRECTORY_READERS)
  async exportDocument(@Req() req: AuthenticatedRequest, @Res() res: ServerResponse): Promise<void> {
    await this.handle(() => this.authorize(req, DIRECTORY_READERS, 'GET /hsds/export'));
    res.statusCode = HttpStatus.OK;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    try {
      await pipeline(Readable.from(this.directory.queries.exportDocumentChunks()), res);
    } catch (error) {
      // The client went away, or a read failed: the response is already cut; the log says which.
      log.warn({ error: error instanceof Error ? error.name : 'error' }, 'HSDS export ended early');
    }
  }

  /** An HSDS document as JSON (the body parser's size limit applies: see docs/directory.md). */
  @Post('import')
  @RestRoles(...STEWARDS)
  importDocument(@Req() req: AuthenticatedRequest, @Body() body: unknown) {
    return this.handle(async () => {
      const caller = await this.authorize(req, STEWARDS, 'POST /hsds/import');
      return this.directory.importDocument(body, metadataOf(caller));
    });
  }

  private pageOf(page: string | undefined, perPage: string | undefined): PageRequest {
    const number = positive(page, 'page');
    const size = positive(perPage, 'per_page');
    return { ...(number ? { page: number } : {}), ...(size ? { perPage: size } : {}) };
  }

  private filterOf(query: {
    search: string | undefined;
    taxonomyId: string | undefined;
    taxonomyTermId: string | undefined;
    organizationId: string | undefined;
    modifiedAfter: string | undefined;
  }): ServiceFilter {
    const modifiedAfter = query.modifiedAfter === undefined ? undefined : new Date(query.modifiedAfter);
    if (modifiedAfter && isNaN(modifiedAfter.getTime()))
      throw restBadRequest('INVALID_DATE', 'modified_after must be an ISO 8601 date-time', 'modified_after');
    const taxonomyId = uuidParam(query.taxonomyId, 'taxonomy_id');
    const taxonomyTermId = uuidParam(query.taxonomyTermId, 'taxonomy_term_id');
    const organizationId = uuidParam(query.organizationId, 'organization_id');
    return {
      ...(query.search ? { search: query.search } : {}),
      ...(taxonomyId ? { taxonomyId } : {}),
      ...(taxonomyTermId ? { taxonomyTermId } : {}),
      ...(organizationId ? { organizationId } : {}),
      ...(modifiedAfter ? { modifiedAfter } : {}),
    };
  }
}
