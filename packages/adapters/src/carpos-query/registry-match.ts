import { type IssuedOrder } from '@ccpor/domain';
import { type SqlSession } from '../sql/sql-database';
import { schemaSql } from '../carpos-gateway/gateway-sql';
import { type CarposStore } from '../carpos-gateway/queues';
import { type DojRecordView } from './doj-record';
import { caseKeyOf, expectedDojFields, type RegistryOrder } from './registry-order';

export type MatchedBy = 'fcn' | 'nic' | 'case';

export interface RegistryMatch {
  readonly registry: RegistryOrder;
  readonly by: MatchedBy;
  /** Other registry orders of the same court case that could also have been meant. */
  readonly otherCandidates: number;
}

/** The expression both the index and the lookups use: a case number as CARPOS writes it. */
export const CASE_KEY_SQL = (state: string): string => `left(upper(regexp_replace(${state}->'details'->>'caseNumber', '[^A-Za-z0-9]', '', 'g')), 20)`;

/** Columns that make a `RegistryOrder`, over `s` (carpos_order_state) and `r` (carpos_orders). */
export const REGISTRY_ORDER_COLUMNS = `s.order_id, s.state, r.submitted, r.submitter_ori, r.fcn AS gateway_fcn,
  (SELECT json_build_object('id', o.id::text, 'transaction', o.transaction, 'status', o.status) FROM {{schema}}.carpos_outbox o
     WHERE o.order_id = s.order_id AND o.status IN ('awaiting-data', 'pending', 'in-flight', 'dead') ORDER BY o.id LIMIT 1) AS open_row,
  (SELECT o.status FROM {{schema}}.carpos_outbox o WHERE o.order_id = s.order_id AND o.transaction = 'enter' ORDER BY o.id DESC LIMIT 1) AS last_enter_status`;

export interface RegistryOrderRow extends Record<string, unknown> {
  order_id: string;
  state: IssuedOrder;
  submitted: boolean | null;
  submitter_ori: string | null;
  gateway_fcn: string | null;
  open_row: { id: string; transaction: string; status: string } | string | null;
  last_enter_status: string | null;
}

export const registryOrderOf = (row: RegistryOrderRow): RegistryOrder => ({
  orderId: row.order_id,
  order: row.state,
  sealed: row.state.details.sealed === true,
  submitted: row.submitted,
  submitterOri: row.submitter_ori,
  fcn: row.gateway_fcn,
  openRow: row.open_row === null ? null : typeof row.open_row === 'string' ? (JSON.parse(row.open_row) as RegistryOrder['openRow']) : row.open_row,
  lastEnterStatus: row.last_enter_status,
});

const inForce = (order: IssuedOrder, asOf: string): boolean =>
  order.canceled === undefined && (order.expiresAt === null || Date.parse(order.expiresAt) > Date.parse(asOf));

/**
 * Finds, for each DOJ record, the registry order it stands for (ADR 0012): the order DOJ numbered
 * with this FCN, else with this NIC, else an order of the same issuing court and case number that
 * DOJ has not numbered otherwise. Among several of one case the order in force, with the same
 * restrained person, most recently added wins. Only issued orders take part (a draft is no order).
 */
export const findRegistryMatches = async (
  session: SqlSession,
  schema: string,
  records: readonly DojRecordView[],
  asOf: string,
): Promise<Map<string, RegistryMatch>> => {
  const matches = new Map<string, RegistryMatch>();
  if (records.length === 0) return matches;
  const q = schemaSql(schema);
  const withCase = records.filter((r) => r.courtOri !== undefined && r.caseNumber !== undefined);
  const rows = await session.query<RegistryOrderRow>(
    q(`WITH hits AS (
        SELECT order_id FROM {{schema}}.carpos_order_state WHERE state->'doj'->>'fcn' = ANY($1::text[])
        UNION SELECT order_id FROM {{schema}}.carpos_order_state WHERE state->'doj'->>'nic' = ANY($2::text[])
        UNION SELECT s.order_id FROM unnest($3::text[], $4::text[]) AS k(court, case_key)
          JOIN {{schema}}.carpos_order_state s ON s.state->'details'->'court'->>'ori' = k.court AND ${CASE_KEY_SQL('s.state')} = k.case_key)
      SELECT ${REGISTRY_ORDER_COLUMNS}
      FROM hits JOIN {{schema}}.carpos_order_state s ON s.order_id = hits.order_id
      LEFT JOIN {{schema}}.carpos_orders r ON r.order_id = s.order_id
      WHERE s.state->>'status' = 'issued'`),
    [records.map((r) => r.fcn), records.flatMap((r) => (r.nic === undefined ? [] : [r.nic])), withCase.map((r) => r.courtOri), withCase.map((r) => r.caseNumber)],
  );
  const orders = rows.rows.map(registryOrderOf);
  const byFcn = new Map(orders.filter((o) => o.order.doj.fcn !== undefined).map((o) => [o.order.doj.fcn ?? '', o]));
  const byNic = new Map(orders.filter((o) => o.order.doj.nic !== undefined).map((o) => [o.order.doj.nic ?? '', o]));
  const byCase = new Map<string, RegistryOrder[]>();
  for (const o of orders) {
    const key = `${o.order.details.court.ori}|${caseKeyOf(o.order)}`;
    byCase.set(key, [...(byCase.get(key) ?? []), o]);
  }
  for (const record of records) {
    const fcn = byFcn.get(record.fcn);
    if (fcn !== undefined) {
      matches.set(record.fcn, { registry: fcn, by: 'fcn', otherCandidates: 0 });
      continue;
    }
    const nic = record.nic === undefined ? undefined : byNic.get(record.nic);
    if (nic !== undefined) {
      matches.set(record.fcn, { registry: nic, by: 'nic', otherCandidates: 0 });
      continue;
    }
    // An order DOJ numbered as another record is that record's, not this one's.
    const candidates = (byCase.get(`${record.courtOri ?? ''}|${record.caseNumber ?? ''}`) ?? []).filter((o) => o.order.doj.fcn === undefined);
    if (candidates.length === 0) continue;
    const score = (o: RegistryOrder): number =>
      (inForce(o.order, asOf) ? 2 : 0) + (expectedDojFields(o.order).get('NAM')?.[0] === record.restrainedName ? 1 : 0);
    const best = [...candidates].sort((a, b) => score(b) - score(a) || Date.parse(b.order.addedAt) - Date.parse(a.order.addedAt))[0];
    if (best !== undefined) matches.set(record.fcn, { registry: best, by: 'case', otherCandidates: candidates.length - 1 });
  }
  return matches;
};

/** Looks a batch of DOJ records up on the gateway's tables. */
export const matchDojRecords = (store: CarposStore, records: readonly DojRecordView[], asOf: string): Promise<Map<string, RegistryMatch>> =>
  findRegistryMatches(store.db, store.schema, records, asOf);
