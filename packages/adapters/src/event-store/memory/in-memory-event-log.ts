import type { GlobalPosition } from '@ccpor/domain';

/**
 * One stored event. Payloads are kept as JSON text, the way a database keeps them: callers
 * can neither mutate what was stored nor see an upcaster's output leak back into storage.
 */
export interface StoredRecord {
  readonly position: GlobalPosition;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly type: string;
  readonly schemaVersion: number;
  readonly dataJson: string;
  readonly metadataJson: string;
}

/** Width of a position: enough digits for any safe integer, so string order = numeric order. */
const POSITION_DIGITS = 16;

export const inMemoryPosition = (n: number): GlobalPosition => String(n).padStart(POSITION_DIGITS, '0') as GlobalPosition;

/**
 * The storage behind one or more InMemoryEventStore instances. Share one log between
 * stores to model "the same database opened twice" (e.g. with and without an upcaster).
 */
export class InMemoryEventLog {
  private readonly records: StoredRecord[] = [];
  private readonly streams = new Map<string, StoredRecord[]>();
  private readonly waiters = new Set<() => void>();

  get length(): number {
    return this.records.length;
  }

  stream(streamId: string): readonly StoredRecord[] {
    return this.streams.get(streamId) ?? [];
  }

  /** Records with index >= from (0-based), at most max of them. */
  slice(from: number, max: number): readonly StoredRecord[] {
    return this.records.slice(from, from + max);
  }

  /** Records with index >= from (0-based) of the streams `chosen` accepts, at most max of them. */
  sliceOfStreams(from: number, max: number, chosen: (streamId: string) => boolean): readonly StoredRecord[] {
    const out: StoredRecord[] = [];
    for (let i = from; i < this.records.length && out.length < max; i++) {
      const record = this.records[i]!;
      if (chosen(record.streamId)) out.push(record);
    }
    return out;
  }

  /** Appends records atomically; the caller has checked the expected version in the same tick. */
  commit(streamId: string, records: readonly Omit<StoredRecord, 'position'>[]): readonly StoredRecord[] {
    const stream = this.streams.get(streamId) ?? [];
    const stored = records.map((r, i) => ({ ...r, position: inMemoryPosition(this.records.length + i + 1) }));
    this.records.push(...stored);
    stream.push(...stored);
    this.streams.set(streamId, stream);
    const waiting = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiting) wake();
    return stored;
  }

  /** Resolves on the next commit or when the signal aborts, whichever comes first. */
  nextCommit(signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        this.waiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      this.waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
      if (signal?.aborted) done();
    });
  }
}
