import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { SqlDatabase, SqlSession } from '../../sql/sql-database';

type Rows<Row> = Promise<{ readonly rows: readonly Row[] }>;

const sessionOf = (tx: Transaction): SqlSession => ({
  query: <Row extends Record<string, unknown>>(text: string, params?: readonly unknown[]): Rows<Row> =>
    tx.query<Row>(text, params ? [...params] : undefined),
  exec: async (script) => {
    await tx.exec(script);
  },
});

/**
 * SqlDatabase over one PGlite instance. PGlite is a single connection: it runs one query at
 * a time and queues the rest (its own mutex), and a transaction holds the connection until
 * it ends. So concurrent callers are serialised, never interleaved inside a transaction.
 */
export const pgliteDatabase = (db: PGlite): SqlDatabase => ({
  query: <Row extends Record<string, unknown>>(text: string, params?: readonly unknown[]): Rows<Row> =>
    db.query<Row>(text, params ? [...params] : undefined),
  // PGlite has no named statements to reuse; it parses each query, which is cheap in-process.
  queryPrepared: <Row extends Record<string, unknown>>(_name: string, text: string, params: readonly unknown[]): Rows<Row> =>
    db.query<Row>(text, [...params]),
  exec: async (script) => {
    await db.exec(script);
  },
  transaction: (work) => db.transaction((tx) => work(sessionOf(tx))),
});
