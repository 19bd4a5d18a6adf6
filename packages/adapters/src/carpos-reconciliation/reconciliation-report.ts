import { stringify } from 'csv-stringify/sync';
import { schemaSql } from '../carpos-gateway/gateway-sql';
import { type CarposStore } from '../carpos-gateway/queues';
import { type FieldDifference } from '../carpos-query/compare-record';
import { type DojRecordView } from '../carpos-query/doj-record';
import { type FixSuggestion } from '../carpos-query/fix-suggestions';
import { type RegistrySnapshot } from '../carpos-query/registry-order';
import { RUN_COLUMNS, toRun, type ReconciliationRun, type RunRow } from './reconciliation-run';

export type DifferenceKind = 'absent-at-doj' | 'different' | 'inactive-in-registry' | 'only-at-doj';
export const DIFFERENCE_KINDS: readonly DifferenceKind[] = ['absent-at-doj', 'different', 'inactive-in-registry', 'only-at-doj'];

/** One finding of a run: which order or DOJ record, what differs, and the commands that fix it. */
export interface ReconciliationDifference {
  readonly id: string;
  readonly courtOri: string;
  readonly kind: DifferenceKind;
  readonly orderId: string | null;
  readonly fcn: string | null;
  readonly nic: string | null;
  readonly caseNumber: string | null;
  readonly sealed: boolean;
  readonly fields: readonly FieldDifference[];
  readonly registry: RegistrySnapshot | null;
  readonly doj: DojRecordView | null;
  readonly fixes: readonly FixSuggestion[];
}

/** Per court: how far the run got and how many differences of each kind it found. */
export interface CourtSummary {
  readonly courtOri: string;
  readonly phase: 'listing' | 'listed' | 'done';
  readonly pages: number;
  readonly dojRecords: number;
  readonly dojTotal: number | null;
  readonly registryInForce: number | null;
  readonly differences: Readonly<Record<DifferenceKind, number>>;
}

export interface DifferenceFilter {
  readonly courtOri?: string;
  readonly kind?: DifferenceKind;
  /** False: leave out differences about sealed orders (counted in `withheld`). Default true. */
  readonly includeSealed?: boolean;
  /** Only courts in this list (a court's own staff see their court). */
  readonly courts?: readonly string[];
  /** Keyset paging: differences after this id. */
  readonly after?: string;
  readonly limit?: number;
}

const q = (store: CarposStore) => schemaSql(store.schema);

export const listRuns = async (store: CarposStore, options: { readonly courtOri?: string; readonly limit?: number } = {}): Promise<ReconciliationRun[]> => {
  const rows = await store.db.query<RunRow>(
    q(store)(`SELECT ${RUN_COLUMNS} FROM {{schema}}.carpos_recon_runs r
      WHERE $1::text IS NULL OR r.court_ori = $1 OR r.scope = 'state'
      ORDER BY r.id DESC LIMIT $2`),
    [options.courtOri ?? null, options.limit ?? 50],
  );
  return rows.rows.map(toRun);
};

export const courtSummaries = async (store: CarposStore, runId: string, courts?: readonly string[]): Promise<CourtSummary[]> => {
  const rows = await store.db.query<{
    court_ori: string;
    phase: CourtSummary['phase'];
    pages: number;
    doj_records: number;
    doj_total: number | null;
    registry_in_force: number | null;
    counts: Record<string, string | number> | null;
  }>(
    q(store)(`SELECT c.court_ori, c.phase, c.pages, c.doj_records, c.doj_total, c.registry_in_force,
        (SELECT jsonb_object_agg(kind, n) FROM (SELECT kind, count(*) AS n FROM {{schema}}.carpos_recon_differences d
           WHERE d.run_id = c.run_id AND d.court_ori = c.court_ori GROUP BY kind) k) AS counts
      FROM {{schema}}.carpos_recon_courts c WHERE c.run_id = $1 AND ($2::text[] IS NULL OR c.court_ori = ANY($2::text[]))
      ORDER BY c.court_ori`),
    [runId, courts === undefined ? null : [...courts]],
  );
  return rows.rows.map((r) => ({
    courtOri: r.court_ori,
    phase: r.phase,
    pages: Number(r.pages),
    dojRecords: Number(r.doj_records),
    dojTotal: r.doj_total === null ? null : Number(r.doj_total),
    registryInForce: r.registry_in_force === null ? null : Number(r.registry_in_force),
    differences: Object.fromEntries(DIFFERENCE_KINDS.map((kind) => [kind, Number(r.counts?.[kind] ?? 0)])) as Record<DifferenceKind, number>,
  }));
};

type DifferenceDb = {
  id: string;
  court_ori: string;
  kind: DifferenceKind;
  order_id: string | null;
  fcn: string | null;
  nic: string | null;
  case_number: string | null;
  sealed: boolean;
  fields: FieldDifference[];
  registry: RegistrySnapshot | null;
  doj: DojRecordView | null;
  fixes: FixSuggestion[];
};

const WHERE = `d.run_id = $1 AND ($2::text IS NULL OR d.court_ori = $2) AND ($3::text IS NULL OR d.kind = $3)
  AND ($4::text[] IS NULL OR d.court_ori = ANY($4::text[]))`;

const filterParams = (runId: string, filter: DifferenceFilter): unknown[] => [runId, filter.courtOri ?? null, filter.kind ?? null, filter.courts === undefined ? null : [...filter.courts]];

/**
 * A page of a run's differences, in the order found. Differences about sealed orders are left
 * out unless `includeSealed`; `withheld` says how many were (never which).
 */
export const runDifferences = async (
  store: CarposStore,
  runId: string,
  filter: DifferenceFilter = {},
): Promise<{ entries: ReconciliationDifference[]; withheld: number; next?: string }> => {
  const limit = filter.limit ?? 200;
  const includeSealed = filter.includeSealed ?? true;
  const rows = await store.db.query<DifferenceDb>(
    q(store)(`SELECT d.id::text AS id, d.court_ori, d.kind, d.order_id, d.fcn, d.nic, d.case_number, d.sealed, d.fields, d.registry, d.doj, d.fixes
      FROM {{schema}}.carpos_recon_differences d
      WHERE ${WHERE} AND ($5::boolean OR NOT d.sealed) AND d.id > $6::bigint
      ORDER BY d.id LIMIT $7`),
    [...filterParams(runId, filter), includeSealed, filter.after ?? '0', limit + 1],
  );
  const withheld = includeSealed
    ? 0
    : Number(
        (await store.db.query<{ n: string }>(q(store)(`SELECT count(*) AS n FROM {{schema}}.carpos_recon_differences d WHERE ${WHERE} AND d.sealed`), filterParams(runId, filter))).rows[0]
          ?.n ?? 0,
      );
  const page = rows.rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    entries: page.map((r) => ({
      id: String(r.id),
      courtOri: r.court_ori,
      kind: r.kind,
      orderId: r.order_id,
      fcn: r.fcn,
      nic: r.nic,
      caseNumber: r.case_number,
      sealed: r.sealed,
      fields: r.fields,
      registry: r.registry,
      doj: r.doj,
      fixes: r.fixes,
    })),
    withheld,
    ...(rows.rows.length > limit && last !== undefined ? { next: String(last.id) } : {}),
  };
};

export const CSV_COLUMNS = [
  'court_ori',
  'kind',
  'order_id',
  'fcn',
  'nic',
  'case_number',
  'field',
  'registry_value',
  'doj_value',
  'registry_status',
  'doj_status',
  'fixes',
] as const;

/**
 * The report as CSV (RFC 4180, a header line): one line per differing field, one line for an order
 * absent at DOJ or a record only at DOJ. Every difference the filter selects, read a page at a time.
 */
export const runDifferencesCsv = async (store: CarposStore, runId: string, filter: DifferenceFilter = {}): Promise<string> => {
  const lines: string[][] = [];
  let after: string | undefined;
  for (;;) {
    const page = await runDifferences(store, runId, { ...filter, limit: 1000, ...(after !== undefined ? { after } : {}) });
    for (const d of page.entries) {
      const base = [d.courtOri, d.kind, d.orderId ?? '', d.fcn ?? '', d.nic ?? '', d.caseNumber ?? ''];
      const status = [d.registry?.status ?? '', d.doj?.statusCode ?? ''];
      const fixes = d.fixes.map((f) => f.action).join(';');
      if (d.fields.length === 0) lines.push([...base, '', '', '', ...status, fixes]);
      for (const f of d.fields) lines.push([...base, f.field, f.registry ?? '', f.doj ?? '', ...status, fixes]);
    }
    if (page.next === undefined) break;
    after = page.next;
  }
  return stringify(lines, { header: true, columns: [...CSV_COLUMNS], record_delimiter: 'windows' });
};
