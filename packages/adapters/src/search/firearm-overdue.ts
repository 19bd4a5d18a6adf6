import { DEFAULT_SCHEMA, inSchema } from '../sql/schema-name';
import type { SqlSession } from '../sql/sql-database';

/** An order in force whose firearm relinquishment receipt is past due (docs/law/firearms.md). */
export interface FirearmReceiptOverdue {
  readonly orderId: string;
  readonly form: string | null;
  readonly caseNumber: string | null;
  readonly courtOri: string | null;
  readonly enteringAgencyOri: string;
  readonly receiptDue: string;
  readonly sealed: boolean;
}

export interface FirearmOverdueOptions {
  readonly now: string;
  readonly schema?: string;
  /** Only orders entered by, or assigned to, one of these agencies; absent: every agency. */
  readonly agencyOris?: readonly string[];
  readonly limit?: number;
}

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());

/** Rows with a receipt due before `now`, on orders issued, not canceled and not expired (the partial index on the due time). */
const where = `s.firearm_receipt_due < $1::timestamptz AND s.status IN ('active', 'served') AND (s.expires_at IS NULL OR s.expires_at > $1::timestamptz)
  AND ($2::text[] IS NULL OR s.entering_ori = ANY($2::text[]) OR s.assigned_oris && $2::text[])`;

/** Orders whose relinquishment receipt is overdue, the longest overdue first. */
export const firearmReceiptsOverdue = async (db: SqlSession, options: FirearmOverdueOptions): Promise<FirearmReceiptOverdue[]> => {
  const { rows } = await db.query<{
    order_id: string;
    form: string | null;
    case_number: string | null;
    court_ori: string | null;
    entering_ori: string;
    firearm_receipt_due: unknown;
    sealed: boolean;
  }>(
    inSchema(
      `SELECT s.order_id::text AS order_id, s.form, s.case_number, s.court_ori, s.entering_ori, s.firearm_receipt_due, s.sealed
       FROM {{schema}}.order_search AS s WHERE ${where} ORDER BY s.firearm_receipt_due, s.order_id LIMIT $3`,
      options.schema ?? DEFAULT_SCHEMA,
    ),
    [options.now, options.agencyOris ?? null, options.limit ?? 500],
  );
  return rows.map((r) => ({
    orderId: r.order_id,
    form: r.form,
    caseNumber: r.case_number,
    courtOri: r.court_ori,
    enteringAgencyOri: r.entering_ori,
    receiptDue: iso(r.firearm_receipt_due),
    sealed: r.sealed,
  }));
};

/** How many orders have an overdue receipt, for a gauge. */
export const firearmReceiptsOverdueCount = async (db: SqlSession, options: { readonly now: string; readonly schema?: string }): Promise<number> => {
  const { rows } = await db.query<{ n: string | number }>(
    inSchema(`SELECT count(*) AS n FROM {{schema}}.order_search AS s WHERE ${where}`, options.schema ?? DEFAULT_SCHEMA),
    [options.now, null],
  );
  return Number(rows[0]?.n ?? 0);
};
