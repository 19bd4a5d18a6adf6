import type { GlobalPosition, RecordedEvent } from '@ccpor/domain';
import { foldBatch } from './fold-batch';
import type { OrderSearchRow } from './order-search-row';
import { partyPairRows, type PartyPairRow } from './party-pairs';
import { compareCheckpoint, type Checkpoint, type CheckpointOutcome, type ProjectionTarget } from './projection-target';
import { protectedPersonRows, type ProtectedPersonRow } from './protected-person-rows';
import { counterDeltas, eventCountKey, eventCountsOf, inForceKeys, monthCountKeys, sumEventCounts, type EventCountDelta, type InForceKey, type MonthCountKey } from './report-counts';
import { bucketKey, statisticsDeltas, type StatisticsBucket } from './statistics-bucket';

/**
 * The order projection held in memory, through the same pure handlers as the SQL writer: for
 * tests, demos and the in-memory event store. One JavaScript turn applies a batch, so the
 * compare-and-set is atomic without a lock.
 */
export class InMemoryOrderProjection implements ProjectionTarget {
  readonly name = 'order-search';
  private readonly rows = new Map<string, OrderSearchRow>();
  private readonly statistics = new Map<string, StatisticsBucket & { orders: number }>();
  private readonly eventCounts = new Map<string, EventCountDelta>();
  private readonly monthCounts = new Map<string, MonthCountKey & { orders: number }>();
  private readonly inForceCounts = new Map<string, InForceKey & { orders: number }>();
  private position: GlobalPosition | undefined;
  private lastRecordedAt: string | undefined;

  async checkpoint(): Promise<Checkpoint> {
    return { position: this.position, lastRecordedAt: this.lastRecordedAt };
  }

  async apply(events: readonly RecordedEvent[], expected: GlobalPosition | undefined): Promise<CheckpointOutcome> {
    const last = events[events.length - 1];
    if (last === undefined) throw new Error('apply needs at least one event');
    const outcome = compareCheckpoint(this.position, expected, last.globalPosition);
    if (outcome !== 'stored') return outcome;
    const counted: EventCountDelta[] = [];
    const after = foldBatch(this.rows, events, (row, event) => counted.push(...eventCountsOf(row, event)));
    for (const d of sumEventCounts(counted)) {
      const had = this.eventCounts.get(eventCountKey(d));
      this.eventCounts.set(eventCountKey(d), had ? { ...had, events: had.events + d.events } : d);
    }
    const transitions = [...after.values()]
      .filter((row) => row !== this.rows.get(row.order_id))
      .map((row) => ({ before: this.rows.get(row.order_id), after: row }));
    for (const delta of statisticsDeltas(transitions)) {
      const key = bucketKey(delta);
      const entry = this.statistics.get(key) ?? { ...delta, orders: 0 };
      entry.orders += delta.orders;
      this.statistics.set(key, entry);
    }
    const addTo = <K extends object>(into: Map<string, K & { orders: number }>, deltas: (K & { orders: number })[]): void => {
      for (const d of deltas) {
        const { orders, ...key } = d;
        const id = JSON.stringify(key);
        const had = into.get(id);
        into.set(id, { ...d, orders: (had?.orders ?? 0) + orders });
      }
    };
    addTo(this.monthCounts, counterDeltas(transitions, monthCountKeys));
    addTo(this.inForceCounts, counterDeltas(transitions, inForceKeys));
    for (const { after: row } of transitions) this.rows.set(row.order_id, row);
    this.position = last.globalPosition;
    this.lastRecordedAt = last.metadata.recordedAt;
    return outcome;
  }

  async reset(): Promise<void> {
    this.rows.clear();
    this.statistics.clear();
    this.eventCounts.clear();
    this.monthCounts.clear();
    this.inForceCounts.clear();
    this.position = undefined;
    this.lastRecordedAt = undefined;
  }

  row(orderId: string): OrderSearchRow | undefined {
    return this.rows.get(orderId);
  }

  allRows(): OrderSearchRow[] {
    return [...this.rows.values()].sort((a, b) => (a.order_id < b.order_id ? -1 : 1));
  }

  protectedPersons(): ProtectedPersonRow[] {
    return this.allRows().flatMap(protectedPersonRows);
  }

  partyPairs(): PartyPairRow[] {
    return this.allRows().flatMap(partyPairRows);
  }

  /** Renewals, cancellations and DOJ rejects counted (order_event_counts). */
  eventCountRows(): EventCountDelta[] {
    return [...this.eventCounts.values()];
  }

  /** Non-zero issued/entered and in-force counters. */
  monthCountRows(): (MonthCountKey & { orders: number })[] {
    return [...this.monthCounts.values()].filter((c) => c.orders !== 0);
  }
  inForceCountRows(): (InForceKey & { orders: number })[] {
    return [...this.inForceCounts.values()].filter((c) => c.orders !== 0);
  }

  /** Non-zero statistics rows. */
  statisticsRows(): (StatisticsBucket & { orders: number })[] {
    return [...this.statistics.values()].filter((s) => s.orders !== 0).map((s) => ({ ...s }));
  }
}
