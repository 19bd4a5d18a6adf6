import { type SqlDatabase } from '../sql/sql-database';
import { schemaSql } from '../carpos-gateway/gateway-sql';

/**
 * Entries first (ADR 0012): a query goes out only while no outbox row is ready to be sent. A row
 * counts as ready on the dispatcher's own terms (pending and due, first of its order, numbered
 * by DOJ when it needs to be), so a row stuck behind a dead-lettered enter never holds queries
 * back. The answer is kept for `cacheMs`, so a burst of queries costs one statement.
 */
export const readyEntriesProbe = (db: SqlDatabase, schema: string, cacheMs = 25): (() => Promise<boolean>) => {
  const q = schemaSql(schema);
  const sql = q(`SELECT EXISTS (
      SELECT 1 FROM {{schema}}.carpos_outbox o
      JOIN {{schema}}.carpos_orders r ON r.order_id = o.order_id
      WHERE o.status = 'pending' AND o.next_attempt_at <= now()
        AND (o.transaction = 'enter' OR r.fcn IS NOT NULL)
        AND NOT EXISTS (
          SELECT 1 FROM {{schema}}.carpos_outbox p
          WHERE p.order_id = o.order_id AND p.id < o.id
            AND (p.status IN ('awaiting-data', 'in-flight', 'dead')
                 OR (p.status = 'pending' AND (p.transaction = 'enter' OR r.fcn IS NOT NULL))))) AS ready`);
  let checkedAt = 0;
  let last = false;
  let running: Promise<boolean> | undefined;
  return async () => {
    if (Date.now() - checkedAt < cacheMs) return last;
    running ??= db
      .query<{ ready: boolean }>(sql)
      .then((rows) => {
        last = rows.rows[0]?.ready === true;
        checkedAt = Date.now();
        return last;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
};
