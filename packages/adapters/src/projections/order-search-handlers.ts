import {
  caseNumberKey,
  DEADLINE_RULES,
  formInfo,
  type DeadlineRuleId,
  lifecycleAfter,
  ORDER_EVENT_TYPES,
  ORDER_STREAM_PREFIX,
  type DraftDetails,
  type OrderEvent,
  type OrderEventType,
  type ProtectedPerson,
  type RecordedEvent,
  type RestrainedPerson,
} from '@ccpor/domain';
import { nameKeys } from '../search/person-keys';
import type { OrderSearchRow, ProtectedPersonEntry, StoredStatus } from './order-search-row';

/**
 * The order search projection as pure functions: (row before, event) → row after. No I/O, so
 * the same code runs in memory, on PostgreSQL and on PGlite, and a replayed event is a no-op:
 * an event whose stream version is not above the row's `stream_version` returns the row as it
 * was (the same object), which is what makes at-least-once delivery safe.
 *
 * The rules mirror the domain's `evolve`: an event that cannot apply to the row's state (which
 * `decide` never produces) changes nothing but the row's position.
 */

const KNOWN_TYPES: ReadonlySet<string> = new Set(ORDER_EVENT_TYPES);

export class UnreadableEventError extends Error {
  constructor(
    readonly event: Pick<RecordedEvent, 'streamId' | 'streamVersion' | 'globalPosition' | 'type' | 'schemaVersion'>,
    reason: string,
  ) {
    super(`cannot project ${event.type} v${event.schemaVersion} at ${event.streamId}@${event.streamVersion} (${event.globalPosition}): ${reason}`);
    this.name = 'UnreadableEventError';
  }
}

/** The order id of an order stream, or undefined for streams this projection does not read. */
export const orderIdOfStream = (streamId: string): string | undefined =>
  streamId.startsWith(ORDER_STREAM_PREFIX) ? streamId.slice(ORDER_STREAM_PREFIX.length) : undefined;

/**
 * The recorded event as a domain event. The log holds events that `decide` produced and the
 * codecs validated, and the store upcasts older schemas on read, so only the type and schema
 * version are checked here: re-decoding every payload would halve the rebuild rate. An event
 * the projection cannot read stops the runner loudly instead of being skipped.
 */
export const asOrderEvent = (event: RecordedEvent): OrderEvent => {
  if (!KNOWN_TYPES.has(event.type)) throw new UnreadableEventError(event, 'unknown event type');
  if (event.schemaVersion !== 1) throw new UnreadableEventError(event, 'no upcaster brought it to schema version 1');
  if (typeof event.data !== 'object' || event.data === null) throw new UnreadableEventError(event, 'data is not an object');
  return { type: event.type as OrderEventType, schemaVersion: 1, data: event.data } as OrderEvent;
};

const restrainedColumns = (p: RestrainedPerson | undefined) => {
  if (p === undefined) {
    return {
      r_last: null, r_first: null, r_middle: null, r_last_key: null, r_first_key: null, r_full_name: null,
      r_nysiis: null, r_soundex: null, r_metaphone: null, r_metaphone_alt: null, r_dob: null, r_sex: null, r_race: null,
    };
  }
  const keys = nameKeys(p.name);
  return {
    r_last: p.name.last,
    r_first: p.name.first,
    r_middle: p.name.middle ?? null,
    r_last_key: keys.lastKey,
    r_first_key: keys.firstKey,
    r_full_name: keys.fullName,
    r_nysiis: keys.nysiis,
    r_soundex: keys.soundex,
    r_metaphone: keys.metaphone,
    r_metaphone_alt: keys.metaphoneAlt,
    r_dob: p.dateOfBirth ?? null,
    r_sex: p.sex ?? null,
    r_race: p.race ?? null,
  };
};

const protectedEntries = (people: readonly ProtectedPerson[] | undefined): ProtectedPersonEntry[] =>
  (people ?? []).map((p) => ({
    last: p.name.last,
    first: p.name.first,
    middle: p.name.middle ?? null,
    dob: p.dateOfBirth ?? null,
    sex: p.sex ?? null,
    race: p.race ?? null,
    minor: p.minor,
    confidential: p.confidential,
  }));

type Columns = Partial<{ -readonly [K in keyof OrderSearchRow]: OrderSearchRow[K] }>;

/**
 * The columns a set of details fields decides. Only keys present in `details` are returned, so
 * a partial update (DraftUpdated, OrderModified) leaves the other columns alone.
 */
const detailsColumns = (details: DraftDetails): Columns => {
  const out: Columns = {};
  if (details.form !== undefined) {
    const info = formInfo(details.form);
    Object.assign(out, { form: details.form, order_type: info.type, stage: info.stage, category: info.category });
  }
  if (details.court !== undefined) Object.assign(out, { court_ori: details.court.ori, county: details.court.county });
  if (details.caseNumber !== undefined) Object.assign(out, { case_number: details.caseNumber, case_key: caseNumberKey(details.caseNumber) });
  if (details.issuedAt !== undefined) out.issued_at = details.issuedAt;
  if (details.hearing !== undefined) out.hearing_at = details.hearing.at;
  if (details.restrainedPerson !== undefined) Object.assign(out, restrainedColumns(details.restrainedPerson));
  if (details.protectedPersons !== undefined) out.protected_persons = protectedEntries(details.protectedPersons);
  if (details.sealed !== undefined) out.sealed = details.sealed;
  if (details.assignedAgencies !== undefined) out.assigned_oris = [...details.assignedAgencies];
  if (details.provisions !== undefined) out.provisions = [...details.provisions];
  return out;
};

/** What clearing a draft field (DraftUpdated.cleared) does to the columns. */
const clearedColumns = (key: string): Columns => {
  switch (key) {
    case 'form':
      return { form: null, order_type: null, stage: null, category: null };
    case 'court':
      return { court_ori: null, county: null };
    case 'caseNumber':
      return { case_number: null, case_key: null };
    case 'issuedAt':
      return { issued_at: null };
    case 'hearing':
      return { hearing_at: null };
    case 'restrainedPerson':
      return restrainedColumns(undefined);
    case 'protectedPersons':
      return { protected_persons: [] };
    case 'sealed':
      return { sealed: false };
    case 'assignedAgencies':
      return { assigned_oris: [] };
    case 'provisions':
      return { provisions: [] };
    default:
      return {};
  }
};

const emptyRow = (orderId: string, enteringOri: string, event: RecordedEvent): OrderSearchRow => ({
  order_id: orderId,
  stream_version: event.streamVersion,
  last_position: event.globalPosition,
  last_recorded_at: event.metadata.recordedAt,
  entering_ori: enteringOri,
  assigned_oris: [],
  cloned_from: null,
  court_ori: null,
  county: null,
  case_number: null,
  case_key: null,
  form: null,
  order_type: null,
  stage: null,
  category: null,
  status: 'draft',
  issued_at: null,
  expires_at: null,
  hearing_at: null,
  ...restrainedColumns(undefined),
  protected_persons: [],
  sealed: false,
  image_shas: [],
  image_count: 0,
  fcn: null,
  nic: null,
  doj_status: 'none',
  provisions: [],
  firearm_receipt_due: null,
  firearm_receipt_filed_at: null,
  created_at: event.metadata.recordedAt,
  added_at: null,
  doj_deadline: null,
  doj_acknowledged_at: null,
});

const isIssued = (row: OrderSearchRow): boolean => row.status === 'active' || row.status === 'served' || row.status === 'canceled';
const hasImages = (row: OrderSearchRow): boolean => row.status !== 'discarded';

/**
 * The stored status after an event: the domain's lifecycle (`order/lifecycle.ts`), so the search
 * view agrees with `orderStatusAt` by construction. A row exists once an event created the order,
 * so the lifecycle is never `none` here.
 */
const statusAfter = (status: StoredStatus | undefined, e: OrderEvent): StoredStatus => {
  const next = lifecycleAfter(status ?? 'none', e);
  return next === 'none' ? (status ?? 'draft') : next;
};

const withImages = (shas: readonly string[]): Columns => ({ image_shas: shas, image_count: shas.length });

/** The columns one domain event changes on an existing row (undefined row: the order is new). */
const change = (row: OrderSearchRow | undefined, e: OrderEvent, orderId: string, recorded: RecordedEvent): OrderSearchRow | Columns | undefined => {
  switch (e.type) {
    case 'DraftCreated':
      return row === undefined ? { ...emptyRow(orderId, e.data.enteringAgencyOri, recorded), ...detailsColumns(e.data.details) } : {};
    case 'OrderCloned':
      return row === undefined
        ? { ...emptyRow(orderId, e.data.enteringAgencyOri, recorded), ...detailsColumns(e.data.details), cloned_from: e.data.sourceOrderId }
        : {};
    case 'OrderAdded':
      if (row !== undefined && row.status !== 'draft') return {};
      return {
        // A draft's images stay with the order; everything else comes from the added details.
        ...emptyRow(orderId, row?.entering_ori ?? e.data.enteringAgencyOri, recorded),
        ...(row ? { cloned_from: row.cloned_from, created_at: row.created_at, ...withImages(row.image_shas) } : {}),
        ...detailsColumns(e.data.details),
        status: statusAfter(row?.status, e),
        expires_at: e.data.expiresAt,
        added_at: e.data.addedAt,
        doj_deadline: e.data.dojDeadline,
      };
    case 'DraftUpdated': {
      if (row?.status !== 'draft') return {};
      const cleared = e.data.cleared.reduce<Columns>((acc, key) => ({ ...acc, ...clearedColumns(key) }), {});
      return { ...detailsColumns(e.data.details), ...cleared };
    }
    case 'DraftDiscarded':
      return row?.status === 'draft' ? { status: statusAfter(row.status, e) } : {};
    case 'OrderModified':
      return row && isIssued(row) ? { ...detailsColumns(e.data.changes), expires_at: e.data.expiresAt } : {};
    case 'OrderRenewed':
      return row && isIssued(row) ? { expires_at: e.data.expiresAt } : {};
    case 'ServiceRecorded': {
      // Every method the domain accepts, an officer's verbal notice included, is service.
      if (row === undefined || (row.status !== 'active' && row.status !== 'served')) return {};
      const receiptDue = firearmReceiptDue(e.data.deadlines);
      return {
        status: statusAfter(row.status, e),
        ...(receiptDue !== undefined && row.firearm_receipt_due === null && row.firearm_receipt_filed_at === null ? { firearm_receipt_due: receiptDue } : {}),
      };
    }
    case 'OrderCanceled':
      return row && (row.status === 'active' || row.status === 'served') ? { status: statusAfter(row.status, e), firearm_receipt_due: null } : {};
    case 'FirearmReceiptRecorded':
      return row && isIssued(row) ? { firearm_receipt_filed_at: row.firearm_receipt_filed_at ?? e.data.receipt.filedAt, firearm_receipt_due: null } : {};
    case 'CourtFilingRecorded':
      // Kept on the order (its deadlines); nothing the search view shows changes.
      return {};
    case 'ImageAttached':
      return row && hasImages(row) ? withImages([...row.image_shas, e.data.image.sha256]) : {};
    case 'ImageReplaced':
      return row && hasImages(row)
        ? withImages(row.image_shas.map((s) => (s === e.data.previousSha256 ? e.data.image.sha256 : s)))
        : {};
    case 'ImageRemoved':
      return row && hasImages(row) ? withImages(row.image_shas.filter((s) => s !== e.data.sha256)) : {};
    case 'DojAcknowledgementRecorded':
      return row && isIssued(row)
        ? {
            fcn: e.data.fcn,
            ...(e.data.nic !== undefined ? { nic: e.data.nic } : {}),
            doj_status: 'acknowledged',
            // The enter's first acknowledgement is what Fam. Code 6380 measures; later ones (modify, service) are not.
            ...(e.data.transaction === 'enter' && row.doj_acknowledged_at === null ? { doj_acknowledged_at: e.data.acknowledgedAt } : {}),
          }
        : {};
    case 'DojRejectionRecorded':
      return row && isIssued(row) ? { doj_status: 'rejected' } : {};
    case 'DojResponseReviewed':
      return {};
  }
};

/** When the receipt deadline a service started falls due (docs/law/firearms.md), if it started one. */
const firearmReceiptDue = (deadlines: readonly { ruleId: string; dueAt: string }[] | undefined): string | undefined =>
  deadlines?.find((d) => DEADLINE_RULES[d.ruleId as DeadlineRuleId]?.kind === 'firearm-receipt')?.dueAt;

/**
 * Folds one recorded event into the order's row. Returns the same object when the event does
 * not concern this projection or was already applied; undefined when there is still no row
 * (an event for an order whose creation was never seen, which only a damaged log holds).
 */
export const applyOrderEvent = (row: OrderSearchRow | undefined, recorded: RecordedEvent): OrderSearchRow | undefined => {
  const orderId = orderIdOfStream(recorded.streamId);
  if (orderId === undefined) return row;
  if (row !== undefined && recorded.streamVersion <= row.stream_version) return row;
  const columns = change(row, asOrderEvent(recorded), orderId, recorded);
  if (row === undefined) return columns && 'order_id' in columns ? (columns as OrderSearchRow) : undefined;
  return {
    ...row,
    ...columns,
    stream_version: recorded.streamVersion,
    last_position: recorded.globalPosition,
    last_recorded_at: recorded.metadata.recordedAt,
  };
};
