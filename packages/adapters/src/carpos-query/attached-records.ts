import { schemaSql } from '../carpos-gateway/gateway-sql';
import { type CarposStore } from '../carpos-gateway/queues';
import { type DojRecordView } from './doj-record';

/** A DOJ record a user kept with an order (the only way a query answer is stored, ADR 0014). */
export interface AttachedDojRecord {
  readonly id: string;
  readonly orderId: string;
  readonly fcn: string;
  readonly queryMessageId: string;
  readonly askedAt: string;
  readonly record: DojRecordView;
  readonly attachedBy: { readonly userId: string; readonly agencyOri: string; readonly kind: string };
  readonly attachedAt: string;
}

type Row = {
  id: string;
  order_id: string;
  fcn: string;
  query_message_id: string;
  asked_at: Date | string;
  record: DojRecordView;
  attached_by: AttachedDojRecord['attachedBy'];
  attached_at: Date | string;
};

const iso = (v: Date | string): string => (v instanceof Date ? v.toISOString() : new Date(v).toISOString());
const toAttached = (r: Row): AttachedDojRecord => ({
  id: String(r.id),
  orderId: r.order_id,
  fcn: r.fcn,
  queryMessageId: r.query_message_id,
  askedAt: iso(r.asked_at),
  record: r.record,
  attachedBy: r.attached_by,
  attachedAt: iso(r.attached_at),
});

const COLUMNS = 'id::text AS id, order_id, fcn, query_message_id, asked_at, record, attached_by, attached_at';

/** Keeps a record from a query answer with an order; attaching the same record of the same answer again changes nothing. */
export const attachDojRecord = async (
  store: CarposStore,
  input: { readonly orderId: string; readonly record: DojRecordView; readonly queryMessageId: string; readonly askedAt: string; readonly attachedBy: AttachedDojRecord['attachedBy'] },
): Promise<{ readonly attached: AttachedDojRecord; readonly created: boolean }> => {
  const q = schemaSql(store.schema);
  const inserted = await store.db.query<Row>(
    q(`INSERT INTO {{schema}}.carpos_attached_records (order_id, fcn, query_message_id, asked_at, record, attached_by)
      VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb) ON CONFLICT (order_id, fcn, query_message_id) DO NOTHING RETURNING ${COLUMNS}`),
    [input.orderId, input.record.fcn, input.queryMessageId, input.askedAt, JSON.stringify(input.record), JSON.stringify(input.attachedBy)],
  );
  const row = inserted.rows[0];
  if (row !== undefined) return { attached: toAttached(row), created: true };
  const existing = await store.db.query<Row>(q(`SELECT ${COLUMNS} FROM {{schema}}.carpos_attached_records WHERE order_id = $1 AND fcn = $2 AND query_message_id = $3`), [
    input.orderId,
    input.record.fcn,
    input.queryMessageId,
  ]);
  const found = existing.rows[0];
  if (found === undefined) throw new Error('an attached record vanished');
  return { attached: toAttached(found), created: false };
};

export const attachedDojRecords = async (store: CarposStore, orderId: string): Promise<AttachedDojRecord[]> =>
  (await store.db.query<Row>(schemaSql(store.schema)(`SELECT ${COLUMNS} FROM {{schema}}.carpos_attached_records WHERE order_id = $1 ORDER BY id`), [orderId])).rows.map(toAttached);
