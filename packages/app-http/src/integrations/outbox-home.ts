import type { SqlHome } from '@ccpor/adapters';
import type { EventStore } from '@ccpor/domain';
import { openCarposHome, type CarposHome } from '../carpos/carpos-home';

const shared = new WeakMap<EventStore, { home: Promise<CarposHome>; users: number }>();

/**
 * Where the delivery outboxes keep their tables: the log's own database (embedded store,
 * PostgreSQL), or for the memory store one in-memory PGlite shared by the webhook and mail outboxes
 * of that store (counted, closed by the last to let go). `sqlHome` is the store opener's.
 */
export const openOutboxHome = async (store: EventStore, sqlHome: SqlHome | undefined, memoryStore: boolean): Promise<CarposHome> => {
  let entry = shared.get(store);
  if (entry === undefined) {
    entry = { home: openCarposHome(sqlHome, memoryStore), users: 0 };
    shared.set(store, entry);
  }
  entry.users += 1;
  const current = entry;
  let home: CarposHome;
  try {
    home = await current.home;
  } catch (error) {
    current.users -= 1;
    if (shared.get(store) === current) shared.delete(store);
    throw error;
  }
  let closed = false;
  return {
    db: home.db,
    schema: home.schema,
    close: async () => {
      if (closed) return;
      closed = true;
      current.users -= 1;
      if (current.users === 0) {
        if (shared.get(store) === current) shared.delete(store);
        await home.close();
      }
    },
  };
};
