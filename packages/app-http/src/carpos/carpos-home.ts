import { PgliteEventStore, type SqlDatabase, type SqlHome } from '@ccpor/adapters';

/** Where the gateway keeps its tables, and how to let go of that place. */
export interface CarposHome {
  readonly db: SqlDatabase;
  readonly schema: string;
  close(): Promise<void>;
}

export class CarposUnsupportedStoreError extends Error {
  readonly code = 'CARPOS_STORE_UNSUPPORTED';
}

/**
 * The gateway's tables live in the event log's own database, because the feeder moves its
 * checkpoint and writes outbox rows in one transaction (ADR 0011). With the memory store they go
 * to an in-memory PGlite, lost on exit like the log itself. EventStoreDB has no SQL beside it:
 * refused with a clear message rather than run without the exactly-once guarantees. `home` is the
 * store opener's `sqlHome`.
 */
export const openCarposHome = async (home: SqlHome | undefined, memoryStore: boolean): Promise<CarposHome> => {
  if (home !== undefined) return { db: home.db, schema: home.schema, close: async () => undefined };
  if (memoryStore) {
    // An event store opened only for its database: the cheapest way to an in-memory PGlite here.
    const scratch = await PgliteEventStore.open();
    return { ...scratch.sqlHome, close: () => scratch.close() };
  }
  throw new CarposUnsupportedStoreError('The CARPOS gateway keeps its outbox beside the event log in SQL: run the registry on the embedded store, PostgreSQL or memory.');
};
