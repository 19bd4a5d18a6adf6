import { canonicalJson, type GlobalPosition, type RecordedEvent } from '@ccpor/domain';
import { inSchema } from '../sql/schema-name';
import type { SqlDatabase, SqlSession } from '../sql/sql-database';
import {
  addAccessCountsSql,
  addEventCountsSql,
  addInForceCountsSql,
  addMonthCountsSql,
  addStatisticsSql,
  deletePairsSql,
  deleteProtectedSql,
  ensureCheckpointSql,
  insertPairsSql,
  insertProtectedSql,
  loadRowsSql,
  lockCheckpointSql,
  readCheckpointSql,
  resetSql,
  rewindCheckpointSql,
  storeCheckpointSql,
  upsertRowsSql,
} from './order-projection.sql';
import { foldBatch } from './fold-batch';
import type { OrderSearchRow } from './order-search-row';
import { partyPairRows } from './party-pairs';
import { compareCheckpoint, type Checkpoint, type CheckpointOutcome, type ProjectionTarget } from './projection-target';
import { protectedPersonRows } from './protected-person-rows';
import { statisticsDeltas } from './statistics-bucket';
import { accessDecisionsOf, counterDeltas, eventCountsOf, inForceKeys, monthCountKeys, ORDER_READ_ACTIONS, sumEventCounts, type EventCountDelta } from './report-counts';

export const ORDER_PROJECTION = 'order-search';

interface CheckpointRow extends Record<string, unknown> {
  readonly position: string | null;
  readonly last_recorded_at: string | null;
}

/** What decides the party tables: compared as canonical JSON, since jsonb reorders keys. */
const partiesOf = (row: OrderSearchRow | undefined): string =>
  row === undefined
    ? ''
    : canonicalJson([row.status === 'discarded', row.r_last, row.r_first, row.r_dob, row.protected_persons]);

/**
 * The order search view (order_search, its protected persons, the party index and the
 * statistics) on PostgreSQL or PGlite. Each batch is one transaction: lock the checkpoint, fold
 * the events into the affected rows (pure handlers), write rows, child rows and statistics,
 * move the checkpoint. A stale runner finds the checkpoint moved and writes nothing.
 */
export class SqlOrderProjection implements ProjectionTarget {
  readonly name: string;
  private readonly sql: Record<
    | 'ensure' | 'lock' | 'read' | 'store' | 'load' | 'upsert' | 'deleteProtected' | 'deletePairs'
    | 'insertProtected' | 'insertPairs' | 'statistics' | 'monthCounts' | 'inForceCounts' | 'eventCounts' | 'accessCounts' | 'reset' | 'rewind',
    string
  >;
  private ensured = false;

  constructor(
    private readonly db: SqlDatabase,
    schema: string,
    name: string = ORDER_PROJECTION,
  ) {
    this.name = name;
    const s = (t: string): string => inSchema(t, schema);
    this.sql = {
      ensure: s(ensureCheckpointSql),
      lock: s(lockCheckpointSql),
      read: s(readCheckpointSql),
      store: s(storeCheckpointSql),
      load: s(loadRowsSql),
      upsert: s(upsertRowsSql),
      deleteProtected: s(deleteProtectedSql),
      deletePairs: s(deletePairsSql),
      insertProtected: s(insertProtectedSql),
      insertPairs: s(insertPairsSql),
      statistics: s(addStatisticsSql),
      monthCounts: s(addMonthCountsSql),
      inForceCounts: s(addInForceCountsSql),
      eventCounts: s(addEventCountsSql),
      accessCounts: s(addAccessCountsSql),
      reset: s(resetSql),
      rewind: s(rewindCheckpointSql),
    };
  }

  async checkpoint(): Promise<Checkpoint> {
    const row = (await this.db.query<CheckpointRow>(this.sql.read, [this.name])).rows[0];
    return { position: (row?.position ?? undefined) as GlobalPosition | undefined, lastRecordedAt: row?.last_recorded_at ?? undefined };
  }

  async apply(events: readonly RecordedEvent[], expected: GlobalPosition | undefined): Promise<CheckpointOutcome> {
    const last = events[events.length - 1];
    if (last === undefined) throw new Error('apply needs at least one event');
    await this.ensureCheckpointRow();
    return this.db.transaction(async (tx) => {
      const locked = (await tx.query<CheckpointRow>(this.sql.lock, [this.name])).rows[0];
      const outcome = compareCheckpoint(locked?.position ?? undefined, expected, last.globalPosition);
      if (outcome !== 'stored') return outcome;
      await this.write(tx, events);
      await tx.query(this.sql.store, [this.name, last.globalPosition, last.metadata.recordedAt]);
      return outcome;
    });
  }

  async reset(): Promise<void> {
    await this.ensureCheckpointRow();
    await this.db.transaction(async (tx) => {
      // Lock first, so a runner mid-batch finishes (and then finds the checkpoint rewound).
      await tx.query(this.sql.lock, [this.name]);
      await tx.query(this.sql.reset);
      await tx.query(this.sql.rewind, [this.name]);
    });
  }

  private async ensureCheckpointRow(): Promise<void> {
    if (this.ensured) return;
    await this.db.query(this.sql.ensure, [this.name]);
    this.ensured = true;
  }

  private async write(tx: SqlSession, events: readonly RecordedEvent[]): Promise<void> {
    await this.writeOrders(tx, events);
    // After the orders: a read in the same batch as the sealing finds the order sealed.
    const decisions = accessDecisionsOf(events);
    if (decisions.length > 0) await tx.query(this.sql.accessCounts, [JSON.stringify(decisions), ORDER_READ_ACTIONS]);
  }

  private async writeOrders(tx: SqlSession, events: readonly RecordedEvent[]): Promise<void> {
    const ids = [...new Set(events.map((e) => e.streamId).filter((s) => s.startsWith('order-')).map((s) => s.slice('order-'.length)))];
    if (ids.length === 0) return;
    const before = new Map<string, OrderSearchRow>();
    for (const { row } of (await tx.query<{ row: string }>(this.sql.load, [ids])).rows) {
      const parsed = JSON.parse(row) as OrderSearchRow;
      before.set(parsed.order_id, parsed);
    }
    const counted: EventCountDelta[] = [];
    const after = foldBatch(before, events, (row, event) => counted.push(...eventCountsOf(row, event)));
    const changed = [...after.values()].filter((row) => row !== before.get(row.order_id));
    if (changed.length === 0) return;
    await tx.query(this.sql.upsert, [JSON.stringify(changed)]);

    const partiesChanged = changed.filter((row) => partiesOf(row) !== partiesOf(before.get(row.order_id)));
    if (partiesChanged.length > 0) {
      const changedIds = partiesChanged.map((r) => r.order_id);
      const newlyCreated = partiesChanged.every((r) => !before.has(r.order_id));
      if (!newlyCreated) {
        await tx.query(this.sql.deleteProtected, [changedIds]);
        await tx.query(this.sql.deletePairs, [changedIds]);
      }
      const people = partiesChanged.flatMap(protectedPersonRows);
      if (people.length > 0) await tx.query(this.sql.insertProtected, [JSON.stringify(people)]);
      const pairs = partiesChanged.flatMap(partyPairRows);
      if (pairs.length > 0) await tx.query(this.sql.insertPairs, [JSON.stringify(pairs)]);
    }

    const transitions = changed.map((row) => ({ before: before.get(row.order_id), after: row }));
    const deltas = statisticsDeltas(transitions);
    if (deltas.length > 0) await tx.query(this.sql.statistics, [JSON.stringify(deltas)]);
    const months = counterDeltas(transitions, monthCountKeys);
    if (months.length > 0) await tx.query(this.sql.monthCounts, [JSON.stringify(months)]);
    const inForce = counterDeltas(transitions, inForceKeys);
    if (inForce.length > 0) await tx.query(this.sql.inForceCounts, [JSON.stringify(inForce)]);
    if (counted.length > 0) await tx.query(this.sql.eventCounts, [JSON.stringify(sumEventCounts(counted))]);
  }
}
