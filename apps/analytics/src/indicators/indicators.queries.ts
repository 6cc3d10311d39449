import type { SqlClient } from '@spn/event-store';
import { ENDED_STATUSES } from '../facts/facts';

export interface StatusSpell {
  readonly clientId: string;
  readonly status: string;
  readonly days: number;
}

export interface OpenPlan {
  readonly clientId: string;
  readonly linkWorker: string;
}

export interface RecordedUnmetNeed {
  readonly id: string;
  readonly need: string;
  readonly area: string;
}

/**
 * What the programme indicators read beyond the population's facts: every client of the organization
 * (not only those who consented to evaluation: these are the organization's own operational figures,
 * never stratified), the time referrals spent in each status, open plans, recorded unmet needs.
 */
export class IndicatorsQueries {
  constructor(private readonly db: SqlClient) {}

  /**
   * Each time a referral spent in a status: from entering it to entering the next; a status the
   * referral is still in counts up to `now` (ended statuses are not spells).
   */
  async statusSpells(organizationId: string, now: Date): Promise<StatusSpell[]> {
    const rows = await this.db.query<{
      client_id: string;
      status: string;
      days: string | number;
      current: boolean;
    }>(
      `SELECT s.client_id, s.status,
         EXTRACT(EPOCH FROM (COALESCE(LEAD(s.entered_at) OVER referral, $2::timestamptz) - s.entered_at)) / 86400
           AS days,
         LEAD(s.entered_at) OVER referral IS NULL AS current
       FROM analytics_referral_status s
       JOIN analytics_referral r ON r.client_id = s.client_id AND r.referral_id = s.referral_id
       WHERE r.organization_id = $1
       WINDOW referral AS (PARTITION BY s.client_id, s.referral_id ORDER BY s.position)
       ORDER BY s.referral_id, s.client_id, s.position`,
      [organizationId, now.toISOString()],
    );
    return rows
      .filter((row) => !(row.current && ENDED_STATUSES.includes(row.status)))
      .map((row) => ({ clientId: row.client_id, status: row.status, days: Number(row.days) }));
  }

  async openPlans(organizationId: string): Promise<OpenPlan[]> {
    const rows = await this.db.query<{ client_id: string; link_worker: string }>(
      `SELECT client_id, link_worker FROM analytics_plan WHERE organization_id = $1 AND closed_at IS NULL
       ORDER BY client_id`,
      [organizationId],
    );
    return rows.map((row) => ({ clientId: row.client_id, linkWorker: row.link_worker }));
  }

  async recordedUnmetNeeds(organizationId: string): Promise<RecordedUnmetNeed[]> {
    const rows = await this.db.query<{ unmet_need_id: string; need: string; area: string }>(
      'SELECT unmet_need_id, need, area FROM analytics_unmet_need WHERE organization_id = $1 ORDER BY unmet_need_id',
      [organizationId],
    );
    return rows.map((row) => ({ id: row.unmet_need_id, need: row.need, area: row.area }));
  }
}
