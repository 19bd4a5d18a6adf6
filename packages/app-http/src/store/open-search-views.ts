import { migrateViews, PgliteEventStore, pgliteViewExtensions, type SqlDatabase, type SqlHome } from '@ccpor/adapters';

/** Where the search views (order search, party index, statistics, their checkpoint) live. */
export interface SearchViews {
  readonly db: SqlDatabase;
  readonly schema: string;
  /** `beside the log` or `in memory`: for logs and /readyz. */
  readonly placement: 'beside the log' | 'in memory';
  close(): Promise<void>;
}

/**
 * Opens the search views beside the log whose SQL home is given (the store opener's `sqlHome`)
 * and brings their tables up to date (ADR 0032). On PGlite
 * and PostgreSQL they are tables in the log's own database and schema, so the projector's
 * checkpoint and rows commit together and a search reads the same database as the log. The
 * memory and EventStoreDB stores have no SQL: their views go to an in-memory PGlite, rebuilt
 * from the log at every start (for the memory store the log itself is gone at exit anyway).
 */
export const openSearchViews = async (home: SqlHome | undefined): Promise<SearchViews> => {
  if (home !== undefined) {
    await migrateViews(home.db, home.schema);
    // The store owns the connection; closing the store closes it.
    return { db: home.db, schema: home.schema, placement: 'beside the log', close: async () => undefined };
  }
  // An in-memory PGlite opened through the store adapter, which owns and closes the instance
  // (its empty log tables cost nothing and keep PGlite's setup in one place).
  const scratch = await PgliteEventStore.open({ extensions: pgliteViewExtensions });
  try {
    await migrateViews(scratch.sqlHome.db, scratch.sqlHome.schema);
  } catch (error) {
    await scratch.close();
    throw error;
  }
  return { ...scratch.sqlHome, placement: 'in memory', close: () => scratch.close() };
};
