import { UNMET_REASONS } from '@spn/contracts';
import type { SqlClient } from '@spn/event-store';
import { compareKeys, pageFrom, pageOfSorted, type Page, type PageRequest } from '@spn/service-kit';

export interface AssetView {
  readonly assetId: string;
  readonly category: string;
  readonly name: string;
  readonly description: string;
  readonly area: string;
  readonly latitude: number | null;
  readonly longitude: number | null;
  readonly needs: string[];
  readonly mappedAt: Date;
}

export interface UnmetNeedLine {
  readonly area: string;
  readonly need: string;
  /** Recorded by Link Workers: no suitable resource found. */
  readonly recorded: number;
  /** Referrals to a service of that area that ended rejected or failed for want of a resource. */
  readonly referralsNotMet: number;
  /** Active directory services of the area tagged with the need (0: a gap in the directory). */
  readonly servicesInDirectory: number;
}

/** Why a referral ending counts as an unmet need: the resource was not there for the client. */
const NOT_MET_REASONS = `(${UNMET_REASONS.map((reason) => `'${reason}'`).join(', ')})`;

/** The area of a directory service: the city of its first address, folded like recorded areas. */
const SERVICE_AREA = `(SELECT lower(trim(l.doc->'addresses'->0->>'city'))
  FROM partners_directory_service_at_location sal JOIN partners_directory_location l ON l.id = sal.location_id
  WHERE sal.service_id = r.service_id ORDER BY sal.id LIMIT 1)`;

export class CommunityQueries {
  constructor(private readonly db: SqlClient) {}

  /**
   * A page of the organization's asset map, optionally by area and category, retired assets left out;
   * by area, category, name and id (the cursor).
   */
  async assets(
    organizationId: string,
    request: PageRequest,
    area?: string,
    category?: string,
  ): Promise<Page<AssetView>> {
    const [afterArea, afterCategory, afterName, afterId] = request.after ?? [null, null, null, null];
    const found = await this.db.query<{
      asset_id: string;
      category: string;
      name: string;
      description: string;
      area: string;
      latitude: number | null;
      longitude: number | null;
      needs: string[];
      mapped_at: Date;
    }>(
      `SELECT asset_id, category, name, description, area, latitude, longitude, needs, mapped_at FROM partners_asset
       WHERE organization_id = $1 AND retired_at IS NULL AND ($2::text IS NULL OR area = $2)
         AND ($3::text IS NULL OR category = $3)
         AND ($4::text IS NULL OR (area, category, name, asset_id) > ($4::text, $5::text, $6::text, $7::text))
       ORDER BY area, category, name, asset_id LIMIT $8`,
      [
        organizationId,
        area ?? null,
        category ?? null,
        afterArea,
        afterCategory,
        afterName,
        afterId,
        request.limit + 1,
      ],
    );
    const page = pageFrom(found, request, (row) => [row.area, row.category, row.name, row.asset_id]);
    const items = page.items.map((row) => ({
      assetId: row.asset_id,
      category: row.category,
      name: row.name,
      description: row.description,
      area: row.area,
      latitude: row.latitude,
      longitude: row.longitude,
      needs: row.needs,
      mappedAt: row.mapped_at,
    }));
    return { items, nextCursor: page.nextCursor };
  }

  /**
   * Needs that went unmet, by area: recorded by Link Workers, and referrals that ended for want of a
   * resource; beside each, how many active directory services of the area serve that need.
   */
  async unmetNeeds(
    organizationId: string,
    request: PageRequest,
    area?: string,
  ): Promise<Page<UnmetNeedLine>> {
    const rows = await this.db.query<{
      area: string;
      need: string;
      recorded: string;
      not_met: string;
      services: string;
    }>(
      `WITH gaps AS (
         SELECT area, need, 1 AS recorded, 0 AS not_met FROM partners_unmet_need WHERE organization_id = $1
         UNION ALL
         SELECT COALESCE(${SERVICE_AREA}, 'unknown') AS area, r.need, 0, 1 FROM partners_referral r
         WHERE r.organization_id = $1 AND r.status IN ('rejected', 'failed') AND EXISTS (
           SELECT 1 FROM partners_referral_status s WHERE s.client_id = r.client_id AND s.referral_id = r.referral_id
             AND s.status = r.status AND s.reason IN ${NOT_MET_REASONS})
       ), lines AS (
         SELECT area, need, sum(recorded) AS recorded, sum(not_met) AS not_met FROM gaps
         WHERE $2::text IS NULL OR area = $2 GROUP BY area, need
       )
       SELECT g.area, g.need, g.recorded::text AS recorded, g.not_met::text AS not_met,
         (SELECT count(DISTINCT s.id) FROM partners_directory_service s
            JOIN partners_directory_taxonomy_term t ON t.id = ANY(s.term_ids) AND t.code = g.need
            JOIN partners_directory_service_at_location sal ON sal.service_id = s.id
            JOIN partners_directory_location l ON l.id = sal.location_id
          WHERE s.status = 'active' AND lower(trim(l.doc->'addresses'->0->>'city')) = g.area)::text AS services
       FROM lines g ORDER BY g.recorded + g.not_met DESC, g.area, g.need`,
      [organizationId, area ?? null],
    );
    // One line per area and need, counted whole; most unmet first, paged on (-count, area, need).
    const keyOf = (line: UnmetNeedLine) => [-(line.recorded + line.referralsNotMet), line.area, line.need];
    const lines = rows
      .map((row) => ({
        area: row.area,
        need: row.need,
        recorded: Number(row.recorded),
        referralsNotMet: Number(row.not_met),
        servicesInDirectory: Number(row.services),
      }))
      .sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
    return pageOfSorted(lines, request, keyOf);
  }
}
