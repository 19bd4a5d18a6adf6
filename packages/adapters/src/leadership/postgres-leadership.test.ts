import { afterEach, describe, expect, it } from '@jest/globals';
import { Client } from 'pg';
import { testPostgresConfig, throwawaySchemaName } from '../event-store/postgres/throwaway-schema';
import type { LeaderJob } from './leadership';
import { PostgresLeadership } from './postgres-leadership';

const connection = testPostgresConfig();
const opened: PostgresLeadership[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((l) => l.resign()));
});

/** A job that records, per process, when it runs; `running` is the set of processes running it now. */
const jobOf = (name: string, who: string, running: Set<string>, log: string[]): LeaderJob => ({
  name,
  start: async () => {
    running.add(who);
    log.push(`${who} started ${name}`);
    return {
      stop: async () => {
        running.delete(who);
        log.push(`${who} stopped ${name}`);
      },
    };
  },
});

const open = async (schema: string, interval = 100) => {
  const l = await PostgresLeadership.open({ connection, schema, checkIntervalMs: interval, checkTimeoutMs: 1000 });
  opened.push(l);
  return l;
};

const until = async (condition: () => boolean, what: string): Promise<void> => {
  for (let i = 0; i < 200; i++) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`gave up waiting: ${what}`);
};

describe('PostgresLeadership', () => {
  it('gives each job to exactly one process, and jobs of another schema to their own leader', async () => {
    const schema = throwawaySchemaName('lead');
    const [a, b] = [await open(schema), await open(schema)];
    const other = await open(throwawaySchemaName('lead'));
    const running = new Set<string>();
    const log: string[] = [];
    await a.add(jobOf('search', 'a', running, log));
    await b.add(jobOf('search', 'b', running, log));
    await other.add(jobOf('search', 'other', new Set(), []));
    expect([...running]).toEqual(['a']);
    expect(a.status().leading).toEqual(['search']);
    expect(b.status()).toMatchObject({ leading: [], following: ['search'], mode: 'postgres' });
    expect(other.leads('search')).toBe(true);
  });

  it('hands a job over at once on resign, the old leader stopped before the new one starts', async () => {
    const schema = throwawaySchemaName('lead');
    // A long interval: the handover must come from the NOTIFY, not from the next check.
    const [a, b] = [await open(schema, 60_000), await open(schema, 60_000)];
    const running = new Set<string>();
    const log: string[] = [];
    await a.add(jobOf('carpos', 'a', running, log));
    await b.add(jobOf('carpos', 'b', running, log));
    await a.resign();
    await until(() => b.leads('carpos'), 'b to take over');
    expect(log).toEqual(['a started carpos', 'a stopped carpos', 'b started carpos']);
  });

  it('stops its jobs when its lock connection is killed, and another process takes them over', async () => {
    const schema = throwawaySchemaName('lead');
    const [a, b] = [await open(schema), await open(schema)];
    const running = new Set<string>();
    const log: string[] = [];
    await a.add(jobOf('scans', 'a', running, log));
    await b.add(jobOf('scans', 'b', running, log));
    const admin = new Client(connection);
    await admin.connect();
    try {
      // The backend holding a's advisory lock on this schema's key space.
      const { rows } = await admin.query<{ pid: number }>(
        "SELECT l.pid FROM pg_locks l WHERE l.locktype = 'advisory' AND l.classid::int = hashtext($1) AND l.granted",
        [`ccpor-leader:${schema}`],
      );
      expect(rows).toHaveLength(1);
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
    } finally {
      await admin.end();
    }
    await until(() => b.leads('scans'), 'b to take over');
    expect(a.leads('scans')).toBe(false);
    expect(log.indexOf('a stopped scans')).toBeGreaterThanOrEqual(0);
    expect(running.size).toBe(1);
  });
});
