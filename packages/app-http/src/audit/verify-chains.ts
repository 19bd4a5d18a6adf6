import { eventHash } from '@ccpor/adapters';
import { GENESIS_HASH, type EventStore, type GlobalPosition } from '@ccpor/domain';

export interface ChainFault {
  readonly streamId: string;
  readonly streamVersion: number;
  readonly eventId: string;
  readonly type: string;
  readonly problem: 'hash-mismatch' | 'previous-hash-mismatch' | 'version-gap';
}

export interface VerifyReport {
  readonly streams: number;
  readonly events: number;
  readonly faults: readonly ChainFault[];
}

/**
 * Recomputes every stream's hash chain from the global log: each event's hash must be
 * eventHash(previous hash, event), the function the stores chain with, and must be the next
 * event's previous hash. An event edited in the database after it was written no longer matches.
 */
export const verifyChains = async (store: EventStore, onProgress?: (events: number) => void, pageSize = 5000): Promise<VerifyReport> => {
  const last = new Map<string, { version: number; hash: string }>();
  const faults: ChainFault[] = [];
  let after: GlobalPosition | undefined;
  let events = 0;
  for (;;) {
    const page = await store.readAll({ maxCount: pageSize, ...(after ? { after } : {}) });
    if (page.length === 0) break;
    for (const e of page) {
      const prev = last.get(e.streamId) ?? { version: 0, hash: GENESIS_HASH };
      const fault = (problem: ChainFault['problem']) => faults.push({ streamId: e.streamId, streamVersion: e.streamVersion, eventId: e.metadata.eventId, type: e.type, problem });
      if (e.streamVersion !== prev.version + 1) fault('version-gap');
      else if (e.metadata.previousHash !== prev.hash) fault('previous-hash-mismatch');
      else if (eventHash(e.metadata.previousHash, e) !== e.metadata.hash) fault('hash-mismatch');
      last.set(e.streamId, { version: e.streamVersion, hash: e.metadata.hash });
    }
    events += page.length;
    onProgress?.(events);
    after = page[page.length - 1]!.globalPosition;
  }
  return { streams: last.size, events, faults };
};
