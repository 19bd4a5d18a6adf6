/**
 * One row of the order search view, exactly as the `order_search` table holds it (column names
 * in snake_case, so the SQL writer moves rows with `row_to_json`/`json_populate_recordset` and no
 * mapping layer that could drift from the table).
 */

/**
 * Stored lifecycle status. "expired" is never stored: it depends on the reader's instant and is
 * derived from `expires_at` at query time (ADR 0022).
 */
export type StoredStatus = 'draft' | 'discarded' | 'active' | 'served' | 'canceled';

/** The latest DOJ answer recorded on the order. */
export type DojAnswer = 'none' | 'acknowledged' | 'rejected';

export interface ProtectedPersonEntry {
  readonly last: string;
  readonly first: string;
  readonly middle: string | null;
  readonly dob: string | null;
  readonly sex: string | null;
  readonly race: string | null;
  readonly minor: boolean;
  readonly confidential: boolean;
}

export interface OrderSearchRow {
  readonly order_id: string;
  /** Version of the last event folded in: the idempotency guard (an older or equal event is ignored). */
  readonly stream_version: number;
  readonly last_position: string;
  readonly last_recorded_at: string;
  readonly entering_ori: string;
  readonly assigned_oris: readonly string[];
  readonly cloned_from: string | null;
  readonly court_ori: string | null;
  readonly county: string | null;
  readonly case_number: string | null;
  /** Case number without punctuation or spaces (`caseNumberKey`). */
  readonly case_key: string | null;
  readonly form: string | null;
  readonly order_type: string | null;
  readonly stage: string | null;
  readonly category: string | null;
  readonly status: StoredStatus;
  readonly issued_at: string | null;
  /** null: not yet known (draft) or non-expiring (a permanent renewal). */
  readonly expires_at: string | null;
  readonly hearing_at: string | null;
  readonly r_last: string | null;
  readonly r_first: string | null;
  readonly r_middle: string | null;
  readonly r_last_key: string | null;
  readonly r_first_key: string | null;
  readonly r_full_name: string | null;
  readonly r_nysiis: string | null;
  readonly r_soundex: string | null;
  readonly r_metaphone: string | null;
  readonly r_metaphone_alt: string | null;
  readonly r_dob: string | null;
  readonly r_sex: string | null;
  readonly r_race: string | null;
  readonly protected_persons: readonly ProtectedPersonEntry[];
  readonly sealed: boolean;
  readonly image_shas: readonly string[];
  readonly image_count: number;
  readonly fcn: string | null;
  readonly nic: string | null;
  readonly doj_status: DojAnswer;
  /** The order's typed provisions (domain `Provision`s), for precedence and conflicts (ADR 0040). */
  readonly provisions: readonly unknown[];
  /**
   * When the firearm relinquishment receipt falls due, while none is filed (the domain's
   * deadline, started by the first service; docs/law/firearms.md): the overdue list's key.
   */
  readonly firearm_receipt_due: string | null;
  /** When a relinquishment receipt was filed. */
  readonly firearm_receipt_filed_at: string | null;
  /** When the order's first event was recorded: how long a draft has waited (the data-quality report). */
  readonly created_at: string;
  /** When the order was added (entered) in the registry: the statistics' month of entry. */
  readonly added_at: string | null;
  /** The first DOJ deadline as the domain set it on OrderAdded (Fam. Code 6380(a), the court's calendar). */
  readonly doj_deadline: string | null;
  /** When DOJ first acknowledged the order's enter (DojAcknowledgementRecorded): the timeliness report. */
  readonly doj_acknowledged_at: string | null;
}

/** Every column of `order_search`, in table order. */
export const ORDER_SEARCH_COLUMNS: readonly (keyof OrderSearchRow)[] = [
  'order_id',
  'stream_version',
  'last_position',
  'last_recorded_at',
  'entering_ori',
  'assigned_oris',
  'cloned_from',
  'court_ori',
  'county',
  'case_number',
  'case_key',
  'form',
  'order_type',
  'stage',
  'category',
  'status',
  'issued_at',
  'expires_at',
  'hearing_at',
  'r_last',
  'r_first',
  'r_middle',
  'r_last_key',
  'r_first_key',
  'r_full_name',
  'r_nysiis',
  'r_soundex',
  'r_metaphone',
  'r_metaphone_alt',
  'r_dob',
  'r_sex',
  'r_race',
  'protected_persons',
  'sealed',
  'image_shas',
  'image_count',
  'fcn',
  'nic',
  'doj_status',
  'provisions',
  'firearm_receipt_due',
  'firearm_receipt_filed_at',
  'created_at',
  'added_at',
  'doj_deadline',
  'doj_acknowledged_at',
];
