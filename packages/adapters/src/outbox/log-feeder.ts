import { type EventStore, type GlobalPosition, type RecordedEvent } from '@ccpor/domain';
import { type SqlDatabase, type SqlSession } from '../sql/sql-database';
import { schemaSql } from '../carpos-gateway/gateway-sql';

/** Turns a batch of log events into writes (outbox rows, the planner's own tables) inside the feeder's transaction. */
export type BatchPlanner = (tx: SqlSession, events: readonly RecordedEvent[]) => Promise<void>;

export interface LogFeederOptions {
  readonly db: SqlDatabase;
  readonly schema: string;
  readonly eventStore: EventStore;
  /** The checkpoint's name; one per feeder. */
  readonly name: string;
  readonly plan: BatchPlanner;
  /** Events per transaction. Default 500. */
  readonly batchSize?: number;
  /**
   * Where a feeder with no checkpoint yet begins: 'start' reads the whole log, 'head' only what is
   * appended from now on (a registry with years of history does not notify about all of it).
   */
  readonly from?: 'start' | 'head';
}

/**
 * Feeds an outbox from the log as ADR 0011's gateway does: reads after the checkpoint in batches
 * and, in one transaction per batch, plans the batch and moves the checkpoint with a compare-and-set.
 * A crash rolls the batch back and it is read again; planners write with unique keys, so nothing
 * is written twice. Two feeders on one checkpoint are safe: the compare-and-set lets one win.
 */
export class LogFeeder {
  private readonly q: (template: string) => string;
  private position: GlobalPosition | undefined;
  private loaded = false;

  constructor(private readonly options: LogFeederOptions) {
    this.q = schemaSql(options.schema);
  }

  private async load(): Promise<void> {
    const { db, name, eventStore } = this.options;
    const start = this.options.from === 'head' ? ((await eventStore.headPosition()) ?? null) : null;
    await db.query(this.q('INSERT INTO {{schema}}.delivery_checkpoints (name, position) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING'), [name, start]);
    const rows = await db.query<{ position: string | null }>(this.q('SELECT position FROM {{schema}}.delivery_checkpoints WHERE name = $1'), [name]);
    this.position = (rows.rows[0]?.position ?? undefined) as GlobalPosition | undefined;
    this.loaded = true;
  }

  /** Applies the next batch; resolves to how many events were read (0: caught up). */
  async step(): Promise<number> {
    if (!this.loaded) await this.load();
    const events = await this.options.eventStore.readAll({ ...(this.position === undefined ? {} : { after: this.position }), maxCount: this.options.batchSize ?? 500 });
    const last = events[events.length - 1];
    if (last === undefined) return 0;
    const moved = await this.options.db.transaction(async (tx) => {
      const cas = await tx.query(
        this.q('UPDATE {{schema}}.delivery_checkpoints SET position = $2 WHERE name = $1 AND position IS NOT DISTINCT FROM $3 RETURNING name'),
        [this.options.name, last.globalPosition, this.position ?? null],
      );
      if (cas.rows.length === 0) return false;
      await this.options.plan(tx, events);
      return true;
    });
    if (moved) this.position = last.globalPosition;
    else await this.load();
    return events.length;
  }
}
