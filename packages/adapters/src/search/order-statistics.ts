import { DEFAULT_SCHEMA, inSchema } from '../sql/schema-name';
import type { SqlSession } from '../sql/sql-database';
import { utcMonth } from '../projections/statistics-bucket';
import type { SearchVisibility } from './search-query';
import { hiddenOrderFilters } from './search-sql';

export interface StatisticsRow {
  readonly county: string;
  readonly orderType: string;
  readonly stage: string;
  /** Stored status, or "expired" for an active or served order whose expiry has passed at `now`. */
  readonly status: string;
  /** 'YYYY-MM' in California time; '' for drafts without an issue date. */
  readonly issueMonth: string;
  readonly orders: number;
}

export interface StatisticsOptions {
  readonly now: string;
  readonly schema?: string;
  /** Inclusive 'YYYY-MM' bounds on the month of issue. */
  readonly issuedFromMonth?: string;
  readonly issuedToMonth?: string;
  readonly counties?: readonly string[];
  /**
   * Only orders this agency entered (a local administrator's reports). The statistics table has
   * no agency key, so these are counted from the agency's rows of `order_search` (index
   * `order_search_entering_ori`), still with "expired" derived at `now`.
   */
  readonly enteringAgencyOri?: string;
  /**
   * What the caller may find (the search's visibility): the orders they may not see (sealed ones,
   * other agencies' drafts) are not counted, so a count cannot reveal an order a search hides
   * (issue 12, finding 7). Without it, every order counts (the command line and tests).
   */
  readonly visibility?: Pick<SearchVisibility, 'sealed' | 'agencyOri'>;
}

const nextMonth = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

/**
 * Order counts by county, type, stage, status and month of issue, with "expired" derived at
 * `now`. The counts come from `order_statistics`, where an order in force carries its expiry
 * month: months before now's are expired, months after are not, and only orders expiring in
 * now's own month are looked up one by one (through the expires_at index) to compare instants.
 */
/** The same counts for one entering agency, grouped straight from its order rows. */
const agencyStatisticsQuery = (options: StatisticsOptions & { readonly enteringAgencyOri: string }): { readonly text: string; readonly values: readonly unknown[] } => {
  const params: unknown[] = [options.now, options.enteringAgencyOri];
  const add = (v: unknown): string => {
    params.push(v);
    return `$${params.length}`;
  };
  const issueMonth = "coalesce(to_char(s.issued_at AT TIME ZONE 'America/Los_Angeles', 'YYYY-MM'), '')";
  const filters: string[] = [];
  if (options.issuedFromMonth) filters.push(`${issueMonth} >= ${add(options.issuedFromMonth)}::text`);
  if (options.issuedToMonth) filters.push(`${issueMonth} <= ${add(options.issuedToMonth)}::text`);
  if (options.counties) filters.push(`s.county = ANY(${add(options.counties)}::text[])`);
  if (options.visibility) filters.push(...hiddenOrderFilters(options.visibility, `${add(options.visibility.agencyOri)}::text`, 's'));
  const sql = `
    SELECT county, order_type, stage, status, issue_month, count(*)::bigint AS orders FROM (
      SELECT coalesce(s.county, '') AS county, coalesce(s.order_type, '') AS order_type, coalesce(s.stage, '') AS stage,
             CASE WHEN s.status IN ('active', 'served') AND s.expires_at <= $1::timestamptz THEN 'expired' ELSE s.status END AS status,
             ${issueMonth} AS issue_month
      FROM {{schema}}.order_search AS s
      WHERE s.entering_ori = $2::text${filters.map((f) => ` AND ${f}`).join('')}
    ) AS counted
    GROUP BY county, order_type, stage, status, issue_month
    ORDER BY county, order_type, stage, status, issue_month`;
  return { text: inSchema(sql, options.schema ?? DEFAULT_SCHEMA), values: params };
};

export const statisticsQuery = (options: StatisticsOptions): { readonly text: string; readonly values: readonly unknown[] } => {
  if (options.enteringAgencyOri !== undefined) return agencyStatisticsQuery({ ...options, enteringAgencyOri: options.enteringAgencyOri });
  const month = utcMonth(options.now);
  const params: unknown[] = [options.now, month, `${month}-01T00:00:00Z`, `${nextMonth(month)}-01T00:00:00Z`];
  const add = (v: unknown): string => {
    params.push(v);
    return `$${params.length}`;
  };
  const statFilters: string[] = [];
  const rowFilters: string[] = [];
  const issueMonth = "coalesce(to_char(s.issued_at AT TIME ZONE 'America/Los_Angeles', 'YYYY-MM'), '')";
  if (options.issuedFromMonth) {
    const p = add(options.issuedFromMonth);
    statFilters.push(`issue_month >= ${p}::text`);
    rowFilters.push(`${issueMonth} >= ${p}::text`);
  }
  if (options.issuedToMonth) {
    const p = add(options.issuedToMonth);
    statFilters.push(`issue_month <= ${p}::text`);
    rowFilters.push(`${issueMonth} <= ${p}::text`);
  }
  if (options.counties) {
    const p = add(options.counties);
    statFilters.push(`county = ANY(${p}::text[])`);
    rowFilters.push(`s.county = ANY(${p}::text[])`);
  }
  const and = (f: string[]): string => f.map((x) => ` AND ${x}`).join('');
  // The orders the caller may not see, taken off again: the few sealed orders and drafts, found
  // through the partial index order_search_hidden, each in the bucket the counts above put it in.
  const hidden = options.visibility
    ? `
      UNION ALL
      SELECT coalesce(s.county, ''), coalesce(s.order_type, ''), coalesce(s.stage, ''),
             CASE WHEN s.status IN ('active', 'served') AND s.expires_at <= $1::timestamptz THEN 'expired' ELSE s.status END,
             ${issueMonth}, -1
      FROM {{schema}}.order_search AS s
      WHERE (s.sealed OR s.status IN ('draft', 'discarded'))
        AND NOT (${hiddenOrderFilters(options.visibility, `${add(options.visibility.agencyOri)}::text`, 's').join(' AND ')})${and(rowFilters)}`
    : '';
  const sql = `
    SELECT county, order_type, stage, status, issue_month, sum(orders)::bigint AS orders FROM (
      SELECT county, order_type, stage,
             CASE WHEN status IN ('active', 'served') AND expiry_month <> '' AND expiry_month < $2::text THEN 'expired' ELSE status END AS status,
             issue_month, orders
      FROM {{schema}}.order_statistics
      WHERE NOT (status IN ('active', 'served') AND expiry_month = $2::text)${and(statFilters)}
      UNION ALL
      SELECT coalesce(s.county, ''), coalesce(s.order_type, ''), coalesce(s.stage, ''),
             CASE WHEN s.expires_at <= $1::timestamptz THEN 'expired' ELSE s.status END,
             ${issueMonth}, 1
      FROM {{schema}}.order_search AS s
      WHERE s.expires_at >= $3::timestamptz AND s.expires_at < $4::timestamptz AND s.status IN ('active', 'served')${and(rowFilters)}${hidden}
    ) AS counted
    GROUP BY county, order_type, stage, status, issue_month
    HAVING sum(orders) <> 0
    ORDER BY county, order_type, stage, status, issue_month`;
  return { text: inSchema(sql, options.schema ?? DEFAULT_SCHEMA), values: params };
};

export const orderStatistics = async (db: SqlSession, options: StatisticsOptions): Promise<StatisticsRow[]> => {
  const { text, values } = statisticsQuery(options);
  const { rows } = await db.query<{ county: string; order_type: string; stage: string; status: string; issue_month: string; orders: string | number }>(
    text,
    values,
  );
  return rows.map((r) => ({ county: r.county, orderType: r.order_type, stage: r.stage, status: r.status, issueMonth: r.issue_month, orders: Number(r.orders) }));
};
