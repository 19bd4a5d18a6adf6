import { fromCaliforniaLocal } from '@ccpor/domain';
import { DEFAULT_SCHEMA, inSchema } from '../sql/schema-name';
import type { SqlSession } from '../sql/sql-database';
import type { SearchVisibility } from '../search/search-query';
import { hiddenOrderFilters } from '../search/search-sql';

/**
 * What every report is asked for (issue 16): a date range (California dates, inclusive), counties,
 * courts and order types; the instant "now" is given, never read from a clock here. Counters kept by
 * month (statistics, renewals, cancellations, rejects) use the months the range touches.
 */
export interface ReportFilter {
  readonly now: string;
  readonly from?: string;
  readonly to?: string;
  readonly counties?: readonly string[];
  readonly courts?: readonly string[];
  readonly orderTypes?: readonly string[];
  /**
   * What the caller may find: sealed orders and other agencies' drafts they could not find are
   * neither listed nor counted (as the statistics do, ADR 0034). Absent: everything (the bench).
   */
  readonly visibility?: Pick<SearchVisibility, 'sealed' | 'agencyOri'>;
  /** Only orders of this court or entered by this agency (a local administrator's reports). */
  readonly agencyOri?: string;
  /** Longest list a report returns (default 500). */
  readonly listLimit?: number;
}

/** Where the views are, and where the CARPOS gateway keeps its tables when it runs beside them. */
export interface ReportSource {
  readonly db: SqlSession;
  readonly schema?: string;
  /** The gateway's schema in the same database; absent: no transmission figures. */
  readonly carposSchema?: string;
}

export type Cell = string | number | null;
export type ReportRow = Readonly<Record<string, Cell>>;

/** One table of a report: the figures a chart draws and its text alternative. */
export interface ReportTable {
  readonly title: string;
  readonly columns: readonly { readonly key: string; readonly label: string; readonly kind: 'text' | 'count' | 'share' | 'minutes' | 'days' | 'instant' }[];
  readonly rows: readonly ReportRow[];
}

/** Collects positional parameters. */
export class Params {
  readonly values: unknown[] = [];
  add(v: unknown, type: string): string {
    this.values.push(v);
    return `$${this.values.length}::${type}`;
  }
}

export const monthOf = (date: string): string => date.slice(0, 7);

/** The instant a California date begins (midnight, daylight time or not). */
export const dayStart = (date: string): string => fromCaliforniaLocal(date, '00:00');

const nextDay = (date: string): string => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};
/** The instant after the last moment of a California date (the next midnight). */
export const dayEnd = (date: string): string => dayStart(nextDay(date));

/** Conditions on an `order_search` row `s`: the filter's counties, courts, types, scope and visibility. */
export const rowFilters = (f: ReportFilter, p: Params, s = 's'): string[] => {
  const where: string[] = [];
  if (f.counties?.length) where.push(`${s}.county = ANY(${p.add(f.counties, 'text[]')})`);
  if (f.courts?.length) where.push(`${s}.court_ori = ANY(${p.add(f.courts, 'text[]')})`);
  if (f.orderTypes?.length) where.push(`${s}.order_type = ANY(${p.add(f.orderTypes, 'text[]')})`);
  if (f.agencyOri !== undefined) {
    const a = p.add(f.agencyOri, 'text');
    where.push(`(${s}.court_ori = ${a} OR ${s}.entering_ori = ${a})`);
  }
  if (f.visibility) where.push(...hiddenOrderFilters(f.visibility, p.add(f.visibility.agencyOri, 'text'), s));
  return where;
};

/** Conditions on the issue instant `col` from the filter's date range. */
export const issuedInRange = (f: ReportFilter, p: Params, col: string): string[] => [
  ...(f.from ? [`${col} >= ${p.add(dayStart(f.from), 'timestamptz')}`] : []),
  ...(f.to ? [`${col} < ${p.add(dayEnd(f.to), 'timestamptz')}`] : []),
];

/** Conditions on a counter table's keys (county, court_ori, order_type) and a month column. */
export const counterFilters = (f: ReportFilter, p: Params, monthColumn: string): string[] => {
  const where: string[] = [];
  if (f.from) where.push(`${monthColumn} >= ${p.add(monthOf(f.from), 'text')}`);
  if (f.to) where.push(`${monthColumn} <= ${p.add(monthOf(f.to), 'text')}`);
  if (f.counties?.length) where.push(`county = ANY(${p.add(f.counties, 'text[]')})`);
  if (f.courts?.length) where.push(`court_ori = ANY(${p.add(f.courts, 'text[]')})`);
  if (f.orderTypes?.length) where.push(`order_type = ANY(${p.add(f.orderTypes, 'text[]')})`);
  // A local administrator's counters: their court's (counters have no entering agency).
  if (f.agencyOri !== undefined) where.push(`court_ori = ${p.add(f.agencyOri, 'text')}`);
  return where;
};

export const and = (where: readonly string[]): string => (where.length === 0 ? 'TRUE' : where.join(' AND '));

export const run = async <R extends Record<string, unknown>>(src: ReportSource, sql: string, p: Params): Promise<readonly R[]> =>
  (await src.db.query<R>(inSchema(sql, src.schema ?? DEFAULT_SCHEMA), p.values)).rows;

export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
/** Minutes with one decimal, or null when nothing was measured. */
export const minutes = (seconds: unknown): number | null => (seconds === null || seconds === undefined ? null : Math.round((Number(seconds) / 60) * 10) / 10);
export const iso = (v: unknown): string | null => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
/** A share as a fraction with four decimals (0.8333), null when there is nothing to divide. */
export const share = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);
