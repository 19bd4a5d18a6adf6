import { type ProtocolCodec } from '@ccpor/carpos-protocol';
import * as E from 'fp-ts/Either';
import { schemaSql } from '../carpos-gateway/gateway-sql';
import { type CarposStore } from '../carpos-gateway/queues';
import { type SqlSession } from '../sql/sql-database';
import { compareWithRegistry, type FieldDifference } from '../carpos-query/compare-record';
import { readHit, type DojRecordView } from '../carpos-query/doj-record';
import { fixesForAbsent, fixesForDifferent, fixesForInactive, fixesForOnlyAtDoj, type FixSuggestion } from '../carpos-query/fix-suggestions';
import { type AnswerPage, type CarposQueryClient } from '../carpos-query/query-client';
import { queryKeysOf, queryMessage } from '../carpos-query/query-criteria';
import { findRegistryMatches, REGISTRY_ORDER_COLUMNS, registryOrderOf, type RegistryOrderRow } from '../carpos-query/registry-match';
import { snapshotOf, type RegistryOrder, type RegistrySnapshot } from '../carpos-query/registry-order';
import { RateLimiter } from './rate-limiter';
import { type ReconciliationRun } from './reconciliation-run';
import { findRun, IN_FORCE_SQL } from './start-reconciliation';

export interface ReconcilerOptions {
  readonly store: CarposStore;
  /** The gateway's query client: pages go over the same link, after entries. */
  readonly queries: Pick<CarposQueryClient, 'page'>;
  readonly codec: ProtocolCodec;
  /** The ORI a court's listing goes out under (default: the court's own, as a validation listing is). */
  readonly queryOri?: (courtOri: string) => string;
  /** After each page and each court: where the run stands. */
  readonly onProgress?: (run: ReconciliationRun) => void;
  /** Wait before asking again for a page DOJ did not answer (the link is down). Default 1,000 ms. */
  readonly retryDelayMs?: number;
  /** Attempts per page before waiting `retryDelayMs` and trying again. Default 3. */
  readonly pageAttempts?: number;
}

type CourtRow = {
  court_ori: string;
  phase: 'listing' | 'listed' | 'done';
  next_token: string | null;
};

interface DifferenceRow {
  court_ori: string;
  kind: 'absent-at-doj' | 'different' | 'inactive-in-registry' | 'only-at-doj';
  order_id: string | null;
  fcn: string | null;
  nic: string | null;
  case_number: string | null;
  sealed: boolean;
  fields: readonly FieldDifference[];
  registry: RegistrySnapshot | null;
  doj: DojRecordView | null;
  fixes: readonly FixSuggestion[];
}

const ABSENT_BATCH = 500;

class Stopped extends Error {}

/**
 * Runs a reconciliation (ADR 0013): lists each court's records at DOJ a page at a time,
 * throttled, and compares each with the registry order it stands for; then finds the orders in
 * force in the registry that no DOJ record stood for. All progress lives in the tables and moves
 * with a compare-and-set in the same transaction as a page's findings, so a link fault, a stop or
 * a crash resumes at the page it was on and reads no DOJ record twice (the run's journal of FCNs)
 * and none never (paging by FCN).
 */
export class Reconciler {
  private readonly q: (template: string) => string;

  constructor(private readonly options: ReconcilerOptions) {
    this.q = schemaSql(options.store.schema);
  }

  /** Runs (or resumes) a run to its end; resolves early, still running, when `signal` aborts. */
  async run(runId: string, signal?: AbortSignal): Promise<ReconciliationRun> {
    const run = await this.current(runId);
    if (run.status !== 'running') return run;
    try {
      const limiter = new RateLimiter(run.ratePerSecond);
      for (const court of await this.courts(runId)) {
        if (court.phase === 'listing') {
          const failed = await this.list(run, court, limiter, signal);
          if (failed !== undefined) return await this.finish(runId, 'failed', failed);
        }
      }
      for (const court of await this.courts(runId)) {
        if (court.phase === 'listed') await this.findAbsent(run, court.court_ori, signal);
      }
      return await this.finish(runId, 'completed', null);
    } catch (error) {
      if (error instanceof Stopped || signal?.aborted === true) return this.current(runId);
      throw error;
    }
  }

  private async current(runId: string): Promise<ReconciliationRun> {
    const run = await findRun(this.options.store, runId);
    if (run === undefined) throw new Error(`no reconciliation run ${runId}`);
    return run;
  }

  private async courts(runId: string): Promise<CourtRow[]> {
    const rows = await this.options.store.db.query<CourtRow>(
      this.q('SELECT court_ori, phase, next_token FROM {{schema}}.carpos_recon_courts WHERE run_id = $1 ORDER BY court_ori'),
      [runId],
    );
    return [...rows.rows];
  }

  private async progress(runId: string): Promise<void> {
    if (this.options.onProgress !== undefined) this.options.onProgress(await this.current(runId));
  }

  private async note(runId: string, error: string | null): Promise<void> {
    await this.options.store.db.query(this.q('UPDATE {{schema}}.carpos_recon_runs SET last_error = $2, heartbeat_at = now() WHERE id = $1'), [runId, error]);
  }

  private async sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted === true) throw new Stopped();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', abort);
        resolve();
      }, ms);
      const abort = (): void => {
        clearTimeout(timer);
        reject(new Stopped());
      };
      signal?.addEventListener('abort', abort, { once: true });
    });
  }

  /** Lists one court to its last page; resolves to a reason when DOJ refuses the listing outright. */
  private async list(run: ReconciliationRun, court: CourtRow, limiter: RateLimiter, signal: AbortSignal | undefined): Promise<string | undefined> {
    const { codec } = this.options;
    const keys = queryKeysOf(codec.dictionary);
    const ori = this.options.queryOri?.(court.court_ori) ?? court.court_ori;
    let token = court.next_token;
    for (;;) {
      try {
        await limiter.take(signal);
      } catch {
        throw new Stopped();
      }
      const message = queryMessage({ kind: 'court', courtOri: court.court_ori }, ori, keys, { pageSize: run.pageSize, ...(token !== null ? { continuation: token } : {}) });
      const page = await this.options.queries.page(message, { attempts: this.options.pageAttempts ?? 3, ...(signal !== undefined ? { signal } : {}) });
      if (E.isLeft(page)) {
        const failure = page.left;
        switch (failure.kind) {
          case 'stopped':
            throw new Stopped();
          case 'no-answer':
            // The link is down or DOJ is silent: the same page is asked for again, for as long as it takes.
            await this.note(run.id, `no answer from DOJ for court ${court.court_ori} after ${failure.attempts} attempts; asking again`);
            await this.sleep(this.options.retryDelayMs ?? 1_000, signal);
            continue;
          case 'rejected':
            if (failure.code === 'TOK' && token !== null) {
              // DOJ no longer honours the token: list the court again from the start; the journal keeps every record once.
              await this.restartCourt(run.id, court.court_ori, token);
              token = null;
              continue;
            }
            return `DOJ refused the listing of ${court.court_ori}: ${failure.code}${failure.field !== undefined ? ` (${failure.field})` : ''} ${failure.text ?? ''}`.trim();
          case 'invalid':
            return `the listing of ${court.court_ori} does not encode: ${failure.errors.map((e) => e.message).join('; ')}`;
        }
      }
      const next = await this.applyPage(run, court.court_ori, token, page.right);
      await this.progress(run.id);
      if (next === undefined) return undefined;
      token = next;
    }
  }

  private async restartCourt(runId: string, courtOri: string, token: string): Promise<void> {
    await this.options.store.db.query(
      this.q("UPDATE {{schema}}.carpos_recon_courts SET next_token = NULL WHERE run_id = $1 AND court_ori = $2 AND phase = 'listing' AND next_token = $3"),
      [runId, courtOri, token],
    );
  }

  /**
   * One page's findings and the court's checkpoint, in one transaction. The checkpoint moves only
   * from the token this page was asked with, so a page applied twice (two runners, a retry after
   * a crash) counts once. Resolves to the next page's token, or undefined after the last page.
   */
  private async applyPage(run: ReconciliationRun, courtOri: string, token: string | null, page: AnswerPage): Promise<string | undefined> {
    const { codec, store } = this.options;
    const records = page.hits.flatMap((hit) => {
      const record = readHit(hit, codec.dictionary.dateFormat);
      return record === undefined ? [] : [record];
    });
    return store.db.transaction(async (tx) => {
      const moved = await tx.query<{ first: boolean }>(
        this.q(`UPDATE {{schema}}.carpos_recon_courts c SET next_token = $3, pages = c.pages + 1,
              doj_total = COALESCE(c.doj_total, $4), phase = CASE WHEN $3::text IS NULL THEN 'listed' ELSE 'listing' END
            FROM (SELECT doj_total IS NULL AS first FROM {{schema}}.carpos_recon_courts WHERE run_id = $1 AND court_ori = $2 FOR UPDATE) old
            WHERE c.run_id = $1 AND c.court_ori = $2 AND c.phase = 'listing' AND c.next_token IS NOT DISTINCT FROM $5
            RETURNING old.first`),
        [run.id, courtOri, page.continuation ?? null, page.total, token],
      );
      const checkpoint = moved.rows[0];
      if (checkpoint === undefined) return page.continuation;
      const matches = await findRegistryMatches(tx, store.schema, records, run.asOf);
      const seen = await tx.query<{ fcn: string }>(
        this.q(`INSERT INTO {{schema}}.carpos_recon_seen (run_id, fcn, court_ori, order_id)
          SELECT $1, x.fcn, $2, x.order_id FROM jsonb_to_recordset($3::jsonb) AS x(fcn text, order_id text)
          ON CONFLICT (run_id, fcn) DO NOTHING RETURNING fcn`),
        [run.id, courtOri, JSON.stringify(records.map((r) => ({ fcn: r.fcn, order_id: matches.get(r.fcn)?.registry.orderId ?? null })))],
      );
      const fresh = new Set(seen.rows.map((r) => r.fcn));
      const differences = records.filter((r) => fresh.has(r.fcn)).flatMap((record): DifferenceRow[] => {
        const match = matches.get(record.fcn);
        if (match === undefined) return [differenceRow(courtOri, 'only-at-doj', undefined, record, [], fixesForOnlyAtDoj(), run.asOf)];
        const comparison = compareWithRegistry(match.registry, record, run.asOf);
        switch (comparison.kind) {
          case 'same':
            return [];
          case 'different':
            return [differenceRow(courtOri, 'different', match.registry, record, comparison.fields, fixesForDifferent(match.registry, comparison.fields), run.asOf)];
          case 'inactive-in-registry':
            return [differenceRow(courtOri, 'inactive-in-registry', match.registry, record, comparison.fields, fixesForInactive(match.registry, comparison.registryStatus), run.asOf)];
        }
      });
      const written = await this.insertDifferences(tx, run.id, differences);
      await tx.query(this.q('UPDATE {{schema}}.carpos_recon_courts SET doj_records = doj_records + $3 WHERE run_id = $1 AND court_ori = $2'), [run.id, courtOri, fresh.size]);
      await tx.query(
        this.q(`UPDATE {{schema}}.carpos_recon_runs SET doj_records = doj_records + $2, pages = pages + 1, differences = differences + $3,
            doj_total = doj_total + $4, heartbeat_at = now(), last_error = NULL WHERE id = $1`),
        [run.id, fresh.size, written, checkpoint.first ? page.total : 0],
      );
      return page.continuation;
    });
  }

  private async insertDifferences(tx: SqlSession, runId: string, rows: readonly DifferenceRow[]): Promise<number> {
    if (rows.length === 0) return 0;
    const inserted = await tx.query(
      this.q(`INSERT INTO {{schema}}.carpos_recon_differences (run_id, court_ori, kind, order_id, fcn, nic, case_number, sealed, fields, registry, doj, fixes)
        SELECT $1, x.court_ori, x.kind, x.order_id, x.fcn, x.nic, x.case_number, x.sealed, x.fields, x.registry, x.doj, x.fixes
        FROM jsonb_to_recordset($2::jsonb) AS x(court_ori text, kind text, order_id text, fcn text, nic text, case_number text, sealed boolean,
          fields jsonb, registry jsonb, doj jsonb, fixes jsonb)
        ON CONFLICT DO NOTHING RETURNING id`),
      [runId, JSON.stringify(rows)],
    );
    return inserted.rows.length;
  }

  /** The court's orders in force in the registry that no DOJ record of this run stood for. */
  private async findAbsent(run: ReconciliationRun, courtOri: string, signal: AbortSignal | undefined): Promise<void> {
    const { store } = this.options;
    let after = '';
    for (;;) {
      if (signal?.aborted === true) throw new Stopped();
      const rows = await store.db.query<RegistryOrderRow>(
        this.q(`SELECT ${REGISTRY_ORDER_COLUMNS}
          FROM {{schema}}.carpos_order_state s LEFT JOIN {{schema}}.carpos_orders r ON r.order_id = s.order_id
          WHERE s.state->'details'->'court'->>'ori' = $1 AND ${IN_FORCE_SQL}
            AND NOT EXISTS (SELECT 1 FROM {{schema}}.carpos_recon_seen x WHERE x.run_id = $3 AND x.order_id = s.order_id)
            AND s.order_id > $4
          ORDER BY s.order_id LIMIT ${ABSENT_BATCH}`),
        [courtOri, run.asOf, run.id, after],
      );
      const absent = rows.rows.map(registryOrderOf);
      await store.db.transaction(async (tx) => {
        const n = await this.insertDifferences(
          tx,
          run.id,
          absent.map((registry) => differenceRow(courtOri, 'absent-at-doj', registry, undefined, [], fixesForAbsent(registry), run.asOf)),
        );
        if (n > 0) await tx.query(this.q('UPDATE {{schema}}.carpos_recon_runs SET differences = differences + $2, heartbeat_at = now() WHERE id = $1'), [run.id, n]);
      });
      const last = absent[absent.length - 1];
      if (last === undefined || absent.length < ABSENT_BATCH) break;
      after = last.orderId;
    }
    const inForce = await store.db.query<{ n: string }>(
      this.q(`SELECT count(*) AS n FROM {{schema}}.carpos_order_state s WHERE s.state->'details'->'court'->>'ori' = $1 AND ${IN_FORCE_SQL}`),
      [courtOri, run.asOf],
    );
    await store.db.query(this.q("UPDATE {{schema}}.carpos_recon_courts SET phase = 'done', registry_in_force = $3 WHERE run_id = $1 AND court_ori = $2"), [
      run.id,
      courtOri,
      Number(inForce.rows[0]?.n ?? 0),
    ]);
    await this.progress(run.id);
  }

  private async finish(runId: string, status: 'completed' | 'failed', error: string | null): Promise<ReconciliationRun> {
    await this.options.store.db.transaction(async (tx) => {
      await tx.query(this.q("UPDATE {{schema}}.carpos_recon_runs SET status = $2, finished_at = now(), last_error = $3 WHERE id = $1 AND status = 'running'"), [runId, status, error]);
      // The journal of DOJ records read served the run; the report keeps only the differences.
      await tx.query(this.q('DELETE FROM {{schema}}.carpos_recon_seen WHERE run_id = $1'), [runId]);
    });
    const run = await this.current(runId);
    this.options.onProgress?.(run);
    return run;
  }
}

const differenceRow = (
  courtOri: string,
  kind: DifferenceRow['kind'],
  registry: RegistryOrder | undefined,
  doj: DojRecordView | undefined,
  fields: readonly FieldDifference[],
  fixes: readonly FixSuggestion[],
  asOf: string,
): DifferenceRow => ({
  court_ori: courtOri,
  kind,
  order_id: registry?.orderId ?? null,
  fcn: doj?.fcn ?? registry?.order.doj.fcn ?? null,
  nic: doj?.nic ?? registry?.order.doj.nic ?? null,
  case_number: registry?.order.details.caseNumber ?? doj?.caseNumber ?? null,
  sealed: registry?.sealed ?? false,
  fields,
  registry: registry === undefined ? null : snapshotOf(registry, asOf),
  doj: doj ?? null,
  fixes,
});
