import { EsdbEventStore, InMemoryEventStore, PgliteEventStore, pgliteViewExtensions, PostgresEventStore, type SqlEventStore, type SqlHome } from '@ccpor/adapters';
import type { EventStore } from '@ccpor/domain';
import type { StoreConfig } from '../config/config';

/** An opened event store, and where there is one the SQL database and schema it lives in. */
export interface OpenedEventStore {
  readonly store: EventStore;
  /**
   * The log's database and schema (PGlite and PostgreSQL): the search views, the image store, the
   * gateway's and outboxes' tables and the shared state go there (ADR 0083). Absent for the
   * memory and EventStoreDB stores, which have no SQL beside them.
   */
  readonly sqlHome?: SqlHome;
}

const withHome = (store: SqlEventStore): OpenedEventStore => ({ store, sqlHome: store.sqlHome });

/** Opens the event store the configuration names; migrations run on open for the SQL stores. */
export const openEventStore = async (store: StoreConfig): Promise<OpenedEventStore> => {
  switch (store.kind) {
    case 'memory':
      return { store: new InMemoryEventStore() };
    case 'pglite':
      // pg_trgm is loaded so the search views can live in the same database (ADR 0032).
      return withHome(await PgliteEventStore.open({ dataDir: store.dataDir, extensions: pgliteViewExtensions }));
    case 'postgres':
      // Short statements only (appends, reads, index lookups on the views): a parallel plan's
      // worker start-up costs more than the work, and on a few cores it starves concurrent
      // requests (the search route's `related` statement, ADR 0032 benchmark notes). JIT
      // compilation likewise: a broad name-only search at 2M orders spent 24 ms compiling
      // itself for 130 ms of work, and no statement of ours runs long enough to win it back.
      return withHome(
        await PostgresEventStore.open({
          connection: { connectionString: store.url, options: '-c max_parallel_workers_per_gather=0 -c jit=off' },
          schema: store.schema,
          poolSize: store.poolSize,
        }),
      );
    case 'esdb':
      return { store: await EsdbEventStore.connect({ connectionString: store.connectionString }) };
  }
};

/** How the store is described in logs and /readyz: never the credentials in a URL. */
export const describeStore = (store: StoreConfig): string => {
  switch (store.kind) {
    case 'memory':
      return 'memory';
    case 'pglite':
      return `pglite:${store.dataDir}`;
    case 'postgres': {
      const u = new URL(store.url);
      return `postgres://${u.host}${u.pathname} (schema ${store.schema})`;
    }
    case 'esdb':
      return `esdb://${new URL(store.connectionString.replace(/^esdb(\+discover)?:/, 'http:')).host}`;
  }
};
