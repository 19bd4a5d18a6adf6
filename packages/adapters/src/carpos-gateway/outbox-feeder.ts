import { type ProtocolCodec } from '@ccpor/carpos-protocol';
import {
  evolve,
  initialState,
  ORDER_STREAM_PREFIX,
  OrderEvent,
  type EventStore,
  type GlobalPosition,
  type OrderState,
  type RecordedEvent,
} from '@ccpor/domain';
import * as E from 'fp-ts/Either';
import { type SqlDatabase, type SqlSession } from '../sql/sql-database';
import { type CarposMessageKeys, type CarposSettingsLookup } from './carpos-settings';
import { schemaSql } from './gateway-sql';
import { carriedDeadlineIds, deadlineRow, startedDojDeadlines, type Carried, type DeadlineRow } from './deadline-coverage';
import { planEvent, type EventPlan, type MissingData } from './plan-event';

export interface OutboxFeederOptions {
  readonly db: SqlDatabase;
  readonly schema: string;
  readonly eventStore: EventStore;
  readonly settings: CarposSettingsLookup;
  readonly keys: CarposMessageKeys;
  readonly codec: ProtocolCodec;
  /** Name of the checkpoint row; two gateways on one schema would need two names. */
  readonly checkpoint?: string;
  /** Events read and applied per transaction. Default 500. */
  readonly batchSize?: number;
}

interface OrderRow {
  state: OrderState;
  version: number;
  agencyOri: string | null;
  submitted: boolean | null;
  submitter: string | null;
  submitterOri: string | null;
  issuedAt: string | null;
  addedAt: string | null;
  dojDeadline: string | null;
  entered: boolean;
  withdrawn: boolean;
  /** The folded state changed: write carpos_order_state. */
  dirty: boolean;
  /** The CARPOS facts changed (added, withdrawn): write carpos_orders. */
  factsDirty: boolean;
}

interface NewRow {
  readonly event_id: string;
  readonly order_id: string;
  readonly stream_version: number;
  readonly transaction: string;
  readonly screen: string | null;
  readonly message: unknown;
  readonly missing: readonly MissingData[] | null;
  readonly status: string;
  readonly merged_into: string | null;
  readonly event_recorded_at: string;
  /** The DOJ deadlines the row's message carries (ADR 0042). */
  readonly deadline_ids: readonly string[];
}

interface OpenRow {
  readonly id: string;
  readonly transaction: string;
  readonly status: string;
  readonly sends: number;
}

/** Whether a row may still be replaced: it has never left the gateway. */
const unsent = (row: OpenRow): boolean => row.status === 'awaiting-data' || (row.status === 'pending' && row.sends === 0);

const statusFor = (missing: readonly MissingData[]): 'awaiting-data' | 'pending' => (missing.length > 0 ? 'awaiting-data' : 'pending');

/**
 * The process manager between the event log and the outbox: reads the log after its
 * checkpoint in batches and, in one transaction per batch, folds each order's state, writes the
 * outbox rows its events call for, and moves the checkpoint with a compare-and-set. A crash
 * loses nothing (the batch is rolled back and read again) and doubles nothing (rows are keyed
 * by event id, and the checkpoint moves in the same transaction).
 */
export class OutboxFeeder {
  private readonly q: (template: string) => string;
  private readonly name: string;
  private readonly batchSize: number;
  private position: GlobalPosition | undefined;
  private loaded = false;
  /** Rows of the current batch not written yet: written together, before anything reads the outbox. */
  private buffered: NewRow[] = [];
  /** DOJ deadlines the batch's events started, written with the rows. */
  private deadlines: DeadlineRow[] = [];

  constructor(private readonly options: OutboxFeederOptions) {
    this.q = schemaSql(options.schema);
    this.name = options.checkpoint ?? 'carpos-gateway';
    this.batchSize = options.batchSize ?? 500;
  }

  private async loadCheckpoint(): Promise<void> {
    const { db } = this.options;
    await db.query(this.q('INSERT INTO {{schema}}.carpos_checkpoints (name, position) VALUES ($1, NULL) ON CONFLICT (name) DO NOTHING'), [this.name]);
    const rows = await db.query<{ position: string | null }>(this.q('SELECT position FROM {{schema}}.carpos_checkpoints WHERE name = $1'), [this.name]);
    this.position = (rows.rows[0]?.position ?? undefined) as GlobalPosition | undefined;
    this.loaded = true;
  }

  /** Applies the next batch of events; resolves to how many were read (0: caught up). */
  async step(): Promise<number> {
    if (!this.loaded) await this.loadCheckpoint();
    const events = await this.options.eventStore.readAll({ ...(this.position === undefined ? {} : { after: this.position }), maxCount: this.batchSize });
    const last = events[events.length - 1];
    if (last === undefined) return 0;
    const moved = await this.options.db.transaction(async (tx) => {
      const cas = await tx.query(
        this.q('UPDATE {{schema}}.carpos_checkpoints SET position = $2 WHERE name = $1 AND position IS NOT DISTINCT FROM $3 RETURNING name'),
        [this.name, last.globalPosition, this.position ?? null],
      );
      // Another feeder on the same checkpoint got there first: drop this batch and re-read.
      if (cas.rows.length === 0) return false;
      await this.applyBatch(tx, events);
      return true;
    });
    if (moved) this.position = last.globalPosition;
    else await this.loadCheckpoint();
    return events.length;
  }

  private async applyBatch(tx: SqlSession, events: readonly RecordedEvent[]): Promise<void> {
    // Anything buffered by a batch whose transaction failed is dropped with it.
    this.buffered = [];
    this.deadlines = [];
    const orderIds = [...new Set(events.filter((e) => e.streamId.startsWith(ORDER_STREAM_PREFIX)).map((e) => e.streamId.slice(ORDER_STREAM_PREFIX.length)))];
    if (orderIds.length === 0) return;
    const orders = await this.loadOrders(tx, orderIds);
    for (const recorded of events) {
      if (!recorded.streamId.startsWith(ORDER_STREAM_PREFIX)) continue;
      const orderId = recorded.streamId.slice(ORDER_STREAM_PREFIX.length);
      const decoded = OrderEvent.decode({ type: recorded.type, schemaVersion: recorded.schemaVersion, data: recorded.data });
      // Never guess at an event the domain cannot read: stop here, loudly, and retry later.
      if (E.isLeft(decoded)) throw new Error(`event ${recorded.streamId}@${recorded.streamVersion} (${recorded.type}) does not match its schema`);
      let order = orders.get(orderId);
      if (order === undefined) {
        order = {
          state: initialState,
          version: 0,
          agencyOri: null,
          submitted: null,
          submitter: null,
          submitterOri: null,
          issuedAt: null,
          addedAt: null,
          dojDeadline: null,
          entered: false,
          withdrawn: false,
          dirty: true,
          factsDirty: false,
        };
        orders.set(orderId, order);
      }
      if (recorded.streamVersion <= order.version) continue;
      const before = order.state;
      order.state = evolve(order.state, decoded.right);
      order.version = recorded.streamVersion;
      order.dirty = true;
      await this.applyEvent(tx, orderId, order, decoded.right, recorded, before);
    }
    await this.flushRows(tx);
    await this.saveOrders(tx, orders);
  }

  private async applyEvent(tx: SqlSession, orderId: string, order: OrderRow, event: OrderEvent, recorded: RecordedEvent, before: OrderState): Promise<void> {
    const { keys, codec } = this.options;
    if (event.type === 'OrderAdded') {
      const settings = await this.options.settings(event.data.enteringAgencyOri);
      order.agencyOri = event.data.enteringAgencyOri;
      order.submitted = settings.submitsThroughRegistry;
      order.submitter = settings.submitter;
      order.submitterOri = settings.submitterOri;
      order.issuedAt = event.data.details.issuedAt;
      order.addedAt = event.data.addedAt;
      order.dojDeadline = event.data.dojDeadline;
      order.factsDirty = true;
    }
    if (order.submitted !== true || order.submitterOri === null || order.withdrawn) return;
    // The DOJ deadlines this event started, for the timeliness the gateway measures (ADR 0042).
    this.deadlines.push(...startedDojDeadlines(before, order.state).map((d) => deadlineRow(orderId, d)));
    const plan: EventPlan = planEvent(event, order.state, order.submitterOri, keys, codec);
    const carried = (c: Carried): string[] => carriedDeadlineIds(order.state, c);
    const carriedBy = (transaction: string): string[] =>
      transaction === 'service' && event.type === 'ServiceRecorded'
        ? carried({ kind: 'service', serviceId: event.data.service.serviceId })
        : transaction === 'cancel' || transaction === 'clear'
          ? carried({ kind: 'retire' })
          : carried({ kind: 'record' });
    const newRow = (transaction: string, message: unknown, status: string, extra: { missing?: readonly MissingData[]; screen?: string; mergedInto?: string }): NewRow => ({
      event_id: recorded.metadata.eventId,
      order_id: orderId,
      stream_version: recorded.streamVersion,
      transaction,
      screen: extra.screen ?? null,
      message,
      missing: extra.missing !== undefined && extra.missing.length > 0 ? extra.missing : null,
      status,
      merged_into: extra.mergedInto ?? null,
      event_recorded_at: recorded.metadata.recordedAt,
      deadline_ids: status === 'withdrawn' || status === 'merged' ? [] : carriedBy(transaction),
    });
    const insert = async (transaction: string, message: unknown, status: string, extra: { missing?: readonly MissingData[]; screen?: string; mergedInto?: string } = {}): Promise<void> => {
      this.buffered.push(newRow(transaction, message, status, extra));
    };
    /** Writes the row now (with the buffer before it) and gives its id. */
    const insertNow = async (transaction: string, message: unknown, status: string, extra: { missing?: readonly MissingData[] } = {}): Promise<string> => {
      this.buffered.push(newRow(transaction, message, status, extra));
      await this.flushRows(tx);
      return this.rowIdOf(tx, recorded.metadata.eventId);
    };

    switch (plan.kind) {
      case 'none':
        return;
      case 'enter':
        await insert('enter', plan.message, statusFor(plan.missing), { missing: plan.missing });
        return;
      case 'service':
        await insert('service', plan.message, statusFor(plan.missing), { missing: plan.missing, screen: plan.screen });
        return;
      case 'change': {
        const open = await this.openRows(tx, orderId);
        const openEnter = open.find((r) => r.transaction === 'enter');
        if (openEnter !== undefined && unsent(openEnter)) {
          // The record is not at DOJ yet: the enter is rebuilt from the order as it now stands,
          // so it now carries the change's deadline too.
          await tx.query(this.q('UPDATE {{schema}}.carpos_outbox SET message = $2::jsonb, missing = $3::jsonb, status = $4, deadline_ids = $5::text[] WHERE id = $1'), [
            openEnter.id,
            JSON.stringify(plan.enter),
            plan.enterMissing.length > 0 ? JSON.stringify(plan.enterMissing) : null,
            statusFor(plan.enterMissing),
            carried({ kind: 'record' }),
          ]);
          await insert('modify', plan.modify, 'merged', { mergedInto: openEnter.id });
          return;
        }
        if (!order.entered && openEnter === undefined) {
          // The enter was rejected and nothing is open: this change is the corrected resubmission.
          await insert('enter', plan.enter, statusFor(plan.enterMissing), { missing: plan.enterMissing });
          return;
        }
        const id = await insertNow('modify', plan.modify, statusFor(plan.modifyMissing), { missing: plan.modifyMissing });
        // A modify carries the whole record, so earlier modifies that never left are superseded.
        const superseded = open.filter((r) => r.transaction === 'modify' && unsent(r)).map((r) => r.id);
        if (superseded.length > 0) {
          await tx.query(this.q("UPDATE {{schema}}.carpos_outbox SET status = 'merged', merged_into = $2 WHERE id = ANY($1::bigint[])"), [superseded, id]);
        }
        return;
      }
      case 'retire': {
        const open = await this.openRows(tx, orderId);
        const openEnter = open.find((r) => r.transaction === 'enter');
        const neverReachedDoj = !order.entered && (openEnter === undefined || unsent(openEnter));
        if (neverReachedDoj) {
          // Canceled before DOJ ever had it: nothing to cancel there; what waits is withdrawn.
          const waiting = open.filter(unsent).map((r) => r.id);
          if (waiting.length > 0) await tx.query(this.q("UPDATE {{schema}}.carpos_outbox SET status = 'withdrawn' WHERE id = ANY($1::bigint[])"), [waiting]);
          await insert(plan.transaction, plan.message, 'withdrawn');
          order.withdrawn = true;
          order.factsDirty = true;
          // Nothing will be sent: the order's open DOJ deadlines no longer apply (the domain makes them moot).
          await this.flushRows(tx);
          await tx.query(this.q('UPDATE {{schema}}.carpos_deadlines SET withdrawn = true WHERE order_id = $1 AND acknowledged_at IS NULL'), [orderId]);
          return;
        }
        await insert(plan.transaction, plan.message, statusFor(plan.missing), { missing: plan.missing });
        return;
      }
    }
  }

  /**
   * One multi-row insert for the buffered rows; rows already there (same event id) are left
   * alone. Ids follow stream versions, so within an order they keep the order of its events.
   */
  private async flushRows(tx: SqlSession): Promise<void> {
    if (this.deadlines.length > 0) {
      const deadlines = this.deadlines;
      this.deadlines = [];
      await tx.query(
        this.q(`INSERT INTO {{schema}}.carpos_deadlines (order_id, deadline_id, purpose, transaction, started_at, due_at)
          SELECT order_id, deadline_id, purpose, transaction, started_at, due_at
          FROM jsonb_to_recordset($1::jsonb) AS x(order_id text, deadline_id text, purpose text, transaction text, started_at timestamptz, due_at timestamptz)
          ON CONFLICT (order_id, deadline_id) DO NOTHING`),
        [JSON.stringify(deadlines)],
      );
    }
    if (this.buffered.length === 0) return;
    const rows = this.buffered;
    this.buffered = [];
    await tx.query(
      this.q(`INSERT INTO {{schema}}.carpos_outbox
          (event_id, order_id, stream_version, transaction, screen, message, missing, status, merged_into, event_recorded_at, deadline_ids)
        SELECT event_id, order_id, stream_version, transaction, screen, message, missing, status, merged_into, event_recorded_at,
               ARRAY(SELECT jsonb_array_elements_text(deadline_ids))
        FROM jsonb_to_recordset($1::jsonb) AS x(event_id text, order_id text, stream_version integer, transaction text, screen text,
          message jsonb, missing jsonb, status text, merged_into bigint, event_recorded_at timestamptz, deadline_ids jsonb)
        ORDER BY stream_version
        ON CONFLICT (event_id) DO NOTHING`),
      [JSON.stringify(rows)],
    );
  }

  private async rowIdOf(tx: SqlSession, eventId: string): Promise<string> {
    const rows = await tx.query<{ id: string }>(this.q('SELECT id FROM {{schema}}.carpos_outbox WHERE event_id = $1'), [eventId]);
    return String(rows.rows[0]?.id);
  }

  private async openRows(tx: SqlSession, orderId: string): Promise<OpenRow[]> {
    await this.flushRows(tx);
    const rows = await tx.query<{ id: string; transaction: string; status: string; sends: number }>(
      this.q("SELECT id, transaction, status, sends FROM {{schema}}.carpos_outbox WHERE order_id = $1 AND status IN ('awaiting-data', 'pending', 'in-flight', 'dead') ORDER BY id"),
      [orderId],
    );
    return rows.rows.map((r) => ({ id: String(r.id), transaction: r.transaction, status: r.status, sends: Number(r.sends) }));
  }

  private async loadOrders(tx: SqlSession, orderIds: readonly string[]): Promise<Map<string, OrderRow>> {
    // No row locks: the checkpoint's compare-and-set already makes this feeder the only writer
    // of these rows, and the response handler's updates must not queue behind a whole batch.
    const states = await tx.query<{ order_id: string; state: OrderState; state_version: number }>(
      this.q('SELECT order_id, state, state_version FROM {{schema}}.carpos_order_state WHERE order_id = ANY($1::text[])'),
      [orderIds],
    );
    const facts = await tx.query<{
      order_id: string;
      agency_ori: string | null;
      submitted: boolean | null;
      submitter: string | null;
      submitter_ori: string | null;
      entered: boolean;
      withdrawn: boolean;
    }>(
      this.q('SELECT order_id, agency_ori, submitted, submitter, submitter_ori, entered, withdrawn FROM {{schema}}.carpos_orders WHERE order_id = ANY($1::text[])'),
      [orderIds],
    );
    const factsById = new Map(facts.rows.map((r) => [r.order_id, r]));
    const orders = new Map<string, OrderRow>();
    for (const r of states.rows) {
      const f = factsById.get(r.order_id);
      orders.set(r.order_id, {
        state: r.state,
        version: Number(r.state_version),
        agencyOri: f?.agency_ori ?? null,
        submitted: f?.submitted ?? null,
        submitter: f?.submitter ?? null,
        submitterOri: f?.submitter_ori ?? null,
        issuedAt: null,
        addedAt: null,
        dojDeadline: null,
        entered: f?.entered ?? false,
        withdrawn: f?.withdrawn ?? false,
        dirty: false,
        factsDirty: false,
      });
    }
    return orders;
  }

  private async saveOrders(tx: SqlSession, orders: ReadonlyMap<string, OrderRow>): Promise<void> {
    const states = [...orders].filter(([, o]) => o.dirty).map(([orderId, o]) => ({ order_id: orderId, state: o.state, state_version: o.version }));
    if (states.length > 0) {
      await tx.query(
        this.q(`INSERT INTO {{schema}}.carpos_order_state (order_id, state, state_version)
          SELECT order_id, state, state_version FROM jsonb_to_recordset($1::jsonb) AS x(order_id text, state jsonb, state_version integer)
          ON CONFLICT (order_id) DO UPDATE SET state = EXCLUDED.state, state_version = EXCLUDED.state_version`),
        [JSON.stringify(states)],
      );
    }
    const facts = [...orders]
      .filter(([, o]) => o.factsDirty)
      .map(([orderId, o]) => ({
        order_id: orderId,
        agency_ori: o.agencyOri,
        submitted: o.submitted,
        submitter: o.submitter,
        submitter_ori: o.submitterOri,
        issued_at: o.issuedAt,
        added_at: o.addedAt,
        doj_deadline: o.dojDeadline,
        withdrawn: o.withdrawn,
      }));
    if (facts.length === 0) return;
    // Columns the response handler owns (fcn, nic, entered, correction) are never written here.
    await tx.query(
      this.q(`INSERT INTO {{schema}}.carpos_orders
          (order_id, agency_ori, submitted, submitter, submitter_ori, issued_at, added_at, doj_deadline, withdrawn)
        SELECT order_id, agency_ori, submitted, submitter, submitter_ori, issued_at, added_at, doj_deadline, withdrawn
        FROM jsonb_to_recordset($1::jsonb) AS x(order_id text, agency_ori text, submitted boolean, submitter text, submitter_ori text,
          issued_at timestamptz, added_at timestamptz, doj_deadline timestamptz, withdrawn boolean)
        ON CONFLICT (order_id) DO UPDATE SET
          agency_ori = COALESCE(EXCLUDED.agency_ori, carpos_orders.agency_ori),
          submitted = COALESCE(EXCLUDED.submitted, carpos_orders.submitted),
          submitter = COALESCE(EXCLUDED.submitter, carpos_orders.submitter),
          submitter_ori = COALESCE(EXCLUDED.submitter_ori, carpos_orders.submitter_ori),
          issued_at = COALESCE(EXCLUDED.issued_at, carpos_orders.issued_at),
          added_at = COALESCE(EXCLUDED.added_at, carpos_orders.added_at),
          doj_deadline = COALESCE(EXCLUDED.doj_deadline, carpos_orders.doj_deadline),
          withdrawn = EXCLUDED.withdrawn OR carpos_orders.withdrawn`),
      [JSON.stringify(facts)],
    );
  }
}
