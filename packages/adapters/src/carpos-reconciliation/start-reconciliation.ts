import * as E from 'fp-ts/Either';
import { isPostgresError } from '../sql/sql-database';
import { schemaSql } from '../carpos-gateway/gateway-sql';
import { type CarposStore } from '../carpos-gateway/queues';
import { RUN_COLUMNS, toRun, type ReconciliationRun, type RunRow } from './reconciliation-run';

export interface ReconciliationRequest {
  readonly scope: 'state' | 'court';
  /** The court, for a court's run. */
  readonly courtOri?: string;
  readonly trigger: 'on-demand' | 'schedule' | 'command-line';
  readonly requestedBy: { readonly userId: string; readonly agencyOri: string; readonly kind: string };
  /** "In force" is judged at this instant (ISO). */
  readonly asOf: string;
  /** DOJ listing pages asked for per second, at most. */
  readonly ratePerSecond: number;
  readonly pageSize: number;
  /** Courts to list besides those the registry's orders name (a state run): registered courts with no order yet. */
  readonly courts?: readonly string[];
}

export type StartRefusal = { readonly code: 'ALREADY_RUNNING'; readonly runId: string } | { readonly code: 'NO_COURT'; readonly message: string };

/** In force at `$2` for the courts in `$1`: issued, not canceled, not expired, added by then. */
export const IN_FORCE_SQL = `s.state->>'status' = 'issued' AND s.state->'canceled' IS NULL
  AND (s.state->>'expiresAt' IS NULL OR (s.state->>'expiresAt')::timestamptz > $2::timestamptz)
  AND (s.state->>'addedAt')::timestamptz <= $2::timestamptz`;

/**
 * Records a new run and the courts it will list, in one transaction. One run at a time per
 * registry (a unique index): a second start while one runs is refused with the running run's id.
 */
export const startReconciliation = async (store: CarposStore, request: ReconciliationRequest): Promise<E.Either<StartRefusal, ReconciliationRun>> => {
  const q = schemaSql(store.schema);
  if (request.scope === 'court' && request.courtOri === undefined) return E.left({ code: 'NO_COURT', message: 'A court’s reconciliation names the court.' });
  try {
    const id = await store.db.transaction(async (tx) => {
      const courts =
        request.scope === 'court'
          ? [request.courtOri ?? '']
          : [
              ...new Set([
                ...(
                  await tx.query<{ court: string }>(
                    q(`SELECT DISTINCT s.state->'details'->'court'->>'ori' AS court FROM {{schema}}.carpos_order_state s
                       WHERE s.state->>'status' = 'issued' AND s.state->'details'->'court'->>'ori' IS NOT NULL`),
                  )
                ).rows.map((r) => r.court),
                ...(request.courts ?? []),
              ]),
            ].sort();
      const inForce = await tx.query<{ n: string }>(
        q(`SELECT count(*) AS n FROM {{schema}}.carpos_order_state s WHERE s.state->'details'->'court'->>'ori' = ANY($1::text[]) AND ${IN_FORCE_SQL}`),
        [courts, request.asOf],
      );
      const run = await tx.query<{ id: string }>(
        q(`INSERT INTO {{schema}}.carpos_recon_runs (scope, court_ori, trigger, requested_by, status, as_of, rate_per_second, page_size, registry_in_force)
           VALUES ($1, $2, $3, $4::jsonb, 'running', $5, $6, $7, $8) RETURNING id::text AS id`),
        [
          request.scope,
          request.courtOri ?? null,
          request.trigger,
          JSON.stringify(request.requestedBy),
          request.asOf,
          request.ratePerSecond,
          request.pageSize,
          Number(inForce.rows[0]?.n ?? 0),
        ],
      );
      const runId = String(run.rows[0]?.id);
      await tx.query(q('INSERT INTO {{schema}}.carpos_recon_courts (run_id, court_ori) SELECT $1, unnest($2::text[])'), [runId, courts]);
      return runId;
    });
    const run = await findRun(store, id);
    if (run === undefined) throw new Error(`reconciliation run ${id} vanished after it was written`);
    return E.right(run);
  } catch (error) {
    if (isPostgresError(error) && error.code === '23505') {
      const running = await store.db.query<{ id: string }>(schemaSql(store.schema)("SELECT id::text AS id FROM {{schema}}.carpos_recon_runs WHERE status = 'running' LIMIT 1"));
      return E.left({ code: 'ALREADY_RUNNING', runId: String(running.rows[0]?.id ?? '') });
    }
    throw error;
  }
};

export const findRun = async (store: CarposStore, id: string): Promise<ReconciliationRun | undefined> => {
  if (!/^\d{1,18}$/.test(id)) return undefined;
  const rows = await store.db.query<RunRow>(schemaSql(store.schema)(`SELECT ${RUN_COLUMNS} FROM {{schema}}.carpos_recon_runs r WHERE r.id = $1`), [id]);
  const row = rows.rows[0];
  return row === undefined ? undefined : toRun(row);
};

/** Runs left running by a process that stopped (a restart resumes them). */
export const runningRuns = async (store: CarposStore): Promise<string[]> =>
  (await store.db.query<{ id: string }>(schemaSql(store.schema)("SELECT id::text AS id FROM {{schema}}.carpos_recon_runs WHERE status = 'running' ORDER BY id"))).rows.map((r) => r.id);

/** Stops a run for good (an operator's decision); its findings so far stay in the report. */
export const cancelRun = async (store: CarposStore, id: string): Promise<boolean> => {
  const rows = await store.db.query(
    schemaSql(store.schema)("UPDATE {{schema}}.carpos_recon_runs SET status = 'canceled', finished_at = now() WHERE id = $1 AND status = 'running' RETURNING id"),
    [id],
  );
  return rows.rows.length > 0;
};
