import { fieldValue, type Layout, type Message, type ProtocolCodec } from '@ccpor/carpos-protocol';
import { type Actor, type CommandHandler, type CommandInput, type DojTransaction } from '@ccpor/domain';
import * as E from 'fp-ts/Either';
import { HEARTBEAT_ID_PREFIX } from '../clets-link/tcp-clets-link';
import { QUERY_ID_PREFIX } from '../carpos-query/query-client';
import { isPostgresError, type SqlDatabase, type SqlSession } from '../sql/sql-database';
import { schemaSql } from './gateway-sql';
import { GroupCommit } from './group-commit';

export interface ResponseStats {
  answers: number;
  duplicates: number;
  unmatched: number;
  undecodable: number;
  notifications: number;
  heartbeats: number;
  /** Rejects read as "already done" because an earlier attempt of the same message got through. */
  repeatsRecognised: number;
  /** Answers to CARPOS queries, handed to the query client (ADR 0012). */
  queryAnswers: number;
}

type AnsweredRow = {
  readonly id: string;
  readonly message_id: string;
  readonly order_id: string;
  readonly transaction: DojTransaction;
  readonly status: string;
  readonly sends: number;
  readonly message: Message;
  readonly fcn: string | null;
  readonly nic: string | null;
  readonly submitter_ori: string | null;
  /** The DOJ deadlines the row's message carries (ADR 0042). */
  readonly deadline_ids: readonly string[];
};

const OPEN = ['pending', 'in-flight', 'dead'];

/** Runs a statement again when PostgreSQL chose it as a deadlock victim (it was rolled back whole). */
const retryOnDeadlock = async <T>(work: () => Promise<T>, retries = 3): Promise<T> => {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= retries || !isPostgresError(error) || error.code !== '40P01') throw error;
    }
  }
};

interface AckOutcome {
  readonly id: string;
  readonly order_id: string;
  readonly fcn: string;
  readonly nic: string | null;
  readonly is_enter: boolean;
  readonly clears_correction: boolean;
  readonly response: Message;
  readonly deadline_ids: readonly string[];
}

/**
 * Turns DOJ's answers into facts on the order, each exactly once however often DOJ sends it:
 * the domain command is idempotent on the message id (it ignores an answer already recorded),
 * and the outbox row moves to its final state with a compare-and-set, so a repeat that races
 * the first copy changes nothing. The command goes first: a crash between the two leaves the
 * row open, it is sent again, and the repeated answer finds the command already applied.
 */
export class ResponseHandler {
  readonly stats: ResponseStats = { answers: 0, duplicates: 0, unmatched: 0, undecodable: 0, notifications: 0, heartbeats: 0, repeatsRecognised: 0, queryAnswers: 0 };
  private readonly q: (template: string) => string;
  private readonly acknowledged: GroupCommit<AckOutcome, boolean>;

  constructor(
    private readonly db: SqlDatabase,
    schema: string,
    private readonly codec: ProtocolCodec,
    private readonly layout: Layout,
    private readonly commands: CommandHandler,
    private readonly onAnswered: () => void,
    /** Where answers to queries go (their MRI starts with the query prefix). */
    private readonly onQueryAnswer: (message: Message) => boolean = () => false,
  ) {
    this.q = schemaSql(schema);
    this.acknowledged = new GroupCommit((items) => this.closeAcknowledged(items));
  }

  /**
   * Closes acknowledged rows and records the record numbers on their orders, for a whole batch
   * in one statement: each row's compare-and-set and its order's update commit together.
   */
  private async closeAcknowledged(items: readonly AckOutcome[]): Promise<boolean[]> {
    // Rows are locked in id order, as the dispatcher locks them, so the two cannot deadlock;
    // should PostgreSQL still pick this statement as a deadlock victim, it is simply run again.
    const rows = await retryOnDeadlock(() =>
      this.db.query<{ id: string }>(
      this.q(`WITH input AS (
          SELECT DISTINCT ON (id) * FROM jsonb_to_recordset($1::jsonb)
            AS x(id bigint, order_id text, fcn text, nic text, is_enter boolean, clears_correction boolean, response jsonb, deadline_ids jsonb)),
        locked AS (
          SELECT o.id FROM {{schema}}.carpos_outbox o WHERE o.id IN (SELECT id FROM input) ORDER BY o.id FOR UPDATE),
        closed AS (
          UPDATE {{schema}}.carpos_outbox o SET status = 'acknowledged', answered_at = now(), response = input.response, last_error = NULL
          FROM input JOIN locked ON locked.id = input.id WHERE o.id = input.id AND o.status IN ('pending', 'in-flight', 'dead')
          RETURNING o.id),
        numbered AS (
          UPDATE {{schema}}.carpos_orders r SET
              fcn = COALESCE(r.fcn, input.fcn), nic = COALESCE(r.nic, input.nic),
              entered = r.entered OR input.is_enter,
              entered_at = CASE WHEN input.is_enter AND r.entered_at IS NULL THEN now() ELSE r.entered_at END,
              correction = CASE WHEN input.clears_correction THEN false ELSE r.correction END
          FROM input JOIN closed ON closed.id = input.id
          WHERE r.order_id = input.order_id
          RETURNING input.id),
        met AS (
          UPDATE {{schema}}.carpos_deadlines d SET acknowledged_at = now()
          FROM input JOIN closed ON closed.id = input.id
          WHERE d.order_id = input.order_id AND d.deadline_id IN (SELECT jsonb_array_elements_text(input.deadline_ids)) AND d.acknowledged_at IS NULL
          RETURNING 1)
        SELECT id FROM closed`),
      [JSON.stringify(items)],
    ),
    );
    const done = new Set(rows.rows.map((r) => String(r.id)));
    // A row listed twice in one batch is closed once; the second copy counts as a repeat.
    const seen = new Set<string>();
    return items.map((item) => {
      const first = !seen.has(item.id);
      seen.add(item.id);
      return first && done.has(item.id);
    });
  }

  async handle(frame: { readonly messageId: string; readonly text: string }): Promise<void> {
    const decoded = this.codec.decode(frame.text, { layout: this.layout });
    if (E.isLeft(decoded)) {
      this.stats.undecodable += 1;
      return;
    }
    const message = decoded.right;
    const role = this.codec.dictionary.messages[message.key]?.role;
    if (role === 'notification') return this.storeNotification(frame, message);
    const replyTo = fieldValue(message, 'MRI');
    if (replyTo?.startsWith(HEARTBEAT_ID_PREFIX) === true) {
      this.stats.heartbeats += 1;
      return;
    }
    if (replyTo?.startsWith(QUERY_ID_PREFIX) === true) {
      // A page no longer awaited (timed out, asked again) is dropped by the query client.
      if (this.onQueryAnswer(message)) this.stats.queryAnswers += 1;
      return;
    }
    if ((role !== 'acknowledgement' && role !== 'reject') || replyTo === undefined) {
      this.stats.unmatched += 1;
      return;
    }
    const row = await this.findRow(replyTo);
    if (row === undefined) {
      this.stats.unmatched += 1;
      return;
    }
    if (!OPEN.includes(row.status)) {
      this.stats.duplicates += 1;
      return;
    }
    if (role === 'acknowledgement') {
      await this.acknowledge(row, message, fieldValue(message, 'FCN') ?? row.fcn ?? undefined, fieldValue(message, 'NIC') ?? row.nic ?? undefined);
      return;
    }
    const code = fieldValue(message, 'ERC') ?? '';
    // A repeat of a message DOJ had already applied is refused as a duplicate (enter) or as an
    // inactive record (cancel, clear) [I]: only for a message sent more than once is that read as success.
    if (row.sends > 1 && row.transaction === 'enter' && code === 'DUP' && fieldValue(message, 'FCN') !== undefined) {
      this.stats.repeatsRecognised += 1;
      await this.acknowledge(row, message, fieldValue(message, 'FCN'), fieldValue(message, 'NIC'));
      return;
    }
    if (row.sends > 1 && (row.transaction === 'cancel' || row.transaction === 'clear') && code === 'INA' && row.fcn !== null) {
      this.stats.repeatsRecognised += 1;
      await this.acknowledge(row, message, row.fcn, row.nic ?? undefined);
      return;
    }
    await this.reject(row, message);
  }

  private actor(row: AnsweredRow): Actor {
    return { userId: 'carpos-gateway', agencyOri: row.submitter_ori ?? row.message.ori, roles: ['carpos-gateway'], kind: 'system' };
  }

  private async record(row: AnsweredRow, command: CommandInput): Promise<string | undefined> {
    const result = await this.commands.handle(command, { actor: this.actor(row), correlationId: row.order_id });
    if (E.isRight(result)) return undefined;
    const failure = result.left;
    // A concurrent write that survived the handler's own retry: the row stays open and the
    // answer comes again after a resend. A domain refusal will not change: an operator must look.
    if (failure.kind === 'domain') return `${failure.error.code}: ${failure.error.message}`;
    throw new Error(failure.kind === 'conflict' ? 'the order changed while the answer was recorded' : failure.message);
  }

  private async acknowledge(row: AnsweredRow, message: Message, fcn: string | undefined, nic: string | undefined): Promise<void> {
    if (fcn === undefined) {
      await this.deadLetter(row, message, 'an acknowledgement without a record number (FCN)');
      return;
    }
    const refused = await this.record(row, {
      type: 'RecordDojAcknowledgement',
      orderId: row.order_id,
      transaction: row.transaction,
      messageId: row.message_id,
      fcn,
      ...(nic !== undefined ? { nic } : {}),
      // The deadlines this message carried are the ones DOJ's answer meets (ADR 0042).
      deadlineIds: [...row.deadline_ids],
    } as CommandInput);
    if (refused !== undefined) {
      await this.deadLetter(row, message, refused);
      return;
    }
    const isEnter = row.transaction === 'enter';
    const closed = await this.acknowledged.add({
      id: row.id,
      order_id: row.order_id,
      fcn,
      nic: nic ?? null,
      is_enter: isEnter,
      clears_correction: isEnter || row.transaction === 'modify',
      response: message,
      deadline_ids: row.deadline_ids,
    });
    if (!closed) {
      this.stats.duplicates += 1;
      return;
    }
    this.stats.answers += 1;
    this.onAnswered();
  }

  private async reject(row: AnsweredRow, message: Message): Promise<void> {
    const code = fieldValue(message, 'ERC') ?? 'REJ';
    const text = fieldValue(message, 'ERM');
    const fieldInError = fieldValue(message, 'ERF');
    const refused = await this.record(row, {
      type: 'RecordDojRejection',
      orderId: row.order_id,
      transaction: row.transaction,
      messageId: row.message_id,
      errors: [{ reason: text === undefined ? code : `${code}: ${text}`, ...(fieldInError !== undefined ? { field: fieldInError } : {}) }],
    } as CommandInput);
    if (refused !== undefined) {
      await this.deadLetter(row, message, refused);
      return;
    }
    await this.db.transaction(async (tx) => {
      if (!(await this.close(tx, row, 'rejected', message))) return;
      await tx.query(this.q('UPDATE {{schema}}.carpos_orders SET correction = true WHERE order_id = $1'), [row.order_id]);
      if (row.transaction === 'enter') await this.resubmitWithLaterChange(tx, row);
    });
    this.stats.answers += 1;
    this.onAnswered();
  }

  /**
   * A change made while the refused enter was on its way is the correction: the newest such
   * modify is turned into the enter (it carries the whole record), older ones are merged into it.
   */
  private async resubmitWithLaterChange(tx: SqlSession, rejected: AnsweredRow): Promise<void> {
    const later = await tx.query<{ id: string; message: Message }>(
      this.q(`SELECT id, message FROM {{schema}}.carpos_outbox
        WHERE order_id = $1 AND id > $2 AND transaction = 'modify' AND status IN ('pending', 'awaiting-data') AND sends = 0
        ORDER BY id`),
      [rejected.order_id, rejected.id],
    );
    const newest = later.rows[later.rows.length - 1];
    if (newest === undefined) return;
    const enter: Message = { ...newest.message, key: rejected.message.key };
    const problems = this.codec.validate(enter).map((e) => ({ field: e.field ?? '(message)', label: e.message }));
    await tx.query(this.q("UPDATE {{schema}}.carpos_outbox SET transaction = 'enter', message = $2::jsonb, missing = $3::jsonb, status = $4 WHERE id = $1"), [
      newest.id,
      JSON.stringify(enter),
      problems.length > 0 ? JSON.stringify(problems) : null,
      problems.length > 0 ? 'awaiting-data' : 'pending',
    ]);
    const older = later.rows.slice(0, -1).map((r) => r.id);
    if (older.length > 0) {
      await tx.query(this.q("UPDATE {{schema}}.carpos_outbox SET status = 'merged', merged_into = $2 WHERE id = ANY($1::bigint[])"), [older, newest.id]);
    }
  }

  /** The compare-and-set that makes a repeated answer harmless; false when another copy won. */
  private async close(tx: SqlSession, row: AnsweredRow, status: 'acknowledged' | 'rejected', message: Message): Promise<boolean> {
    const updated = await tx.query(
      this.q(`UPDATE {{schema}}.carpos_outbox SET status = $2, answered_at = now(), response = $3::jsonb, last_error = NULL
        WHERE id = $1 AND status IN ('pending', 'in-flight', 'dead') RETURNING id`),
      [row.id, status, JSON.stringify(message)],
    );
    if (updated.rows.length === 0) this.stats.duplicates += 1;
    return updated.rows.length > 0;
  }

  private async deadLetter(row: AnsweredRow, message: Message, reason: string): Promise<void> {
    await this.db.query(
      this.q("UPDATE {{schema}}.carpos_outbox SET status = 'dead', response = $2::jsonb, last_error = $3 WHERE id = $1 AND status IN ('pending', 'in-flight', 'dead')"),
      [row.id, JSON.stringify(message), reason],
    );
  }

  private async findRow(messageId: string): Promise<AnsweredRow | undefined> {
    const rows = await this.db.query<AnsweredRow>(
      this.q(`SELECT o.id, o.message_id, o.order_id, o.transaction, o.status, o.sends, o.message, r.fcn, r.nic, r.submitter_ori, o.deadline_ids
        FROM {{schema}}.carpos_outbox o JOIN {{schema}}.carpos_orders r ON r.order_id = o.order_id
        WHERE o.message_id = $1 ORDER BY o.id DESC LIMIT 1`),
      [messageId],
    );
    const row = rows.rows[0];
    return row === undefined ? undefined : { ...row, id: String(row.id), sends: Number(row.sends) };
  }

  /** Unsolicited DOJ messages, stored once each and addressed to the agency whose ORI they carry. */
  private async storeNotification(frame: { readonly messageId: string; readonly text: string }, message: Message): Promise<void> {
    const fcn = fieldValue(message, 'FCN') ?? null;
    const stored = await this.db.query(
      this.q(`INSERT INTO {{schema}}.carpos_notifications (frame_id, text, agency_ori, notification_type, fcn, nic, order_id, message)
        VALUES ($1, $2, $3, $4, $5, $6, (SELECT order_id FROM {{schema}}.carpos_orders WHERE fcn = $5 LIMIT 1), $7::jsonb)
        ON CONFLICT (frame_id, text) DO NOTHING RETURNING id`),
      [frame.messageId, frame.text, message.ori, fieldValue(message, 'NTY') ?? null, fcn, fieldValue(message, 'NIC') ?? null, JSON.stringify(message)],
    );
    if (stored.rows.length > 0) this.stats.notifications += 1;
    else this.stats.duplicates += 1;
  }
}
