/** A reconciliation run as the report shows it (ADR 0013). */
export interface ReconciliationRun {
  readonly id: string;
  readonly scope: 'state' | 'court';
  readonly courtOri: string | null;
  readonly trigger: string;
  readonly requestedBy: { readonly userId: string; readonly agencyOri: string; readonly kind: string };
  readonly status: 'running' | 'completed' | 'failed' | 'canceled';
  /** The instant "in force" and "expired" were judged at (the run's start). */
  readonly asOf: string;
  readonly ratePerSecond: number;
  readonly pageSize: number;
  readonly startedAt: string;
  readonly heartbeatAt: string;
  readonly finishedAt: string | null;
  /** Orders in force in the registry for the courts in scope when the run started (the progress bar's total). */
  readonly registryInForce: number;
  readonly dojRecords: number;
  /** DOJ's count of records in force for the courts listed so far (TOT of each court's first page). */
  readonly dojTotal: number;
  readonly pages: number;
  readonly differences: number;
  readonly courtsTotal: number;
  readonly courtsDone: number;
  readonly lastError: string | null;
}

export interface RunRow extends Record<string, unknown> {
  id: string;
  scope: 'state' | 'court';
  court_ori: string | null;
  trigger: string;
  requested_by: ReconciliationRun['requestedBy'];
  status: ReconciliationRun['status'];
  as_of: Date | string;
  rate_per_second: number;
  page_size: number;
  started_at: Date | string;
  heartbeat_at: Date | string;
  finished_at: Date | string | null;
  registry_in_force: number;
  doj_records: number;
  doj_total: number;
  pages: number;
  differences: number;
  courts_total: string | number;
  courts_done: string | number;
  last_error: string | null;
}

export const RUN_COLUMNS = `r.id::text AS id, r.scope, r.court_ori, r.trigger, r.requested_by, r.status, r.as_of, r.rate_per_second, r.page_size,
  r.started_at, r.heartbeat_at, r.finished_at, r.registry_in_force, r.doj_records, r.doj_total, r.pages, r.differences, r.last_error,
  (SELECT count(*) FROM {{schema}}.carpos_recon_courts c WHERE c.run_id = r.id) AS courts_total,
  (SELECT count(*) FROM {{schema}}.carpos_recon_courts c WHERE c.run_id = r.id AND c.phase = 'done') AS courts_done`;

const iso = (v: Date | string): string => (v instanceof Date ? v.toISOString() : new Date(v).toISOString());

export const toRun = (r: RunRow): ReconciliationRun => ({
  id: String(r.id),
  scope: r.scope,
  courtOri: r.court_ori,
  trigger: r.trigger,
  requestedBy: r.requested_by,
  status: r.status,
  asOf: iso(r.as_of),
  ratePerSecond: Number(r.rate_per_second),
  pageSize: Number(r.page_size),
  startedAt: iso(r.started_at),
  heartbeatAt: iso(r.heartbeat_at),
  finishedAt: r.finished_at === null ? null : iso(r.finished_at),
  registryInForce: Number(r.registry_in_force),
  dojRecords: Number(r.doj_records),
  dojTotal: Number(r.doj_total),
  pages: Number(r.pages),
  differences: Number(r.differences),
  courtsTotal: Number(r.courts_total),
  courtsDone: Number(r.courts_done),
  lastError: r.last_error,
});
