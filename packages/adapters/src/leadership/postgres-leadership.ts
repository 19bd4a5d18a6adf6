import { Client, type ClientConfig } from 'pg';
import type { LeaderJob, Leadership, LeadershipStatus } from './leadership';

export interface PostgresLeadershipOptions {
  /** Connection settings; the lock connection is this process's own, never a pooled one. */
  readonly connection: ClientConfig;
  /** The log's schema: leadership is per registry (per schema), not per database. */
  readonly schema: string;
  /**
   * How often the lock connection is checked and free jobs are tried (default 1000 ms). A job
   * whose leader died is taken over within this interval (plus the job's start); a handover on
   * SIGTERM is announced by NOTIFY and taken at once.
   */
  readonly checkIntervalMs?: number;
  /** A check that takes longer than this counts as a lost connection (default 2000 ms). */
  readonly checkTimeoutMs?: number;
  readonly onError?: (error: unknown) => void;
  /** Called with each job started or stopped here and how long the start took. */
  readonly onTransition?: (job: string, event: 'leading' | 'stopped', ms: number) => void;
}

/** The notification channel on which a process that resigns tells the others to look now. */
export const leadershipChannel = (schema: string): string => `ccpor_leaders_${schema}`;

interface Entry {
  readonly job: LeaderJob;
  running?: { stop(): Promise<void> };
  /** Set while the job is starting or stopping, so ticks do not overlap it. */
  busy?: Promise<void>;
}

/**
 * Leadership by PostgreSQL session advisory locks (ADR 0061), one per job, keyed by schema and
 * job name, all held on one dedicated connection. The lock is the server's: when the leader
 * process dies its connection closes and PostgreSQL releases the lock at once; a connection
 * lost in a network partition is noticed by the server's TCP keepalives (set on the session,
 * about 11 s) and by this process's own check (at most interval + timeout), which stops its
 * jobs before the server lets another process take them. Every tick is one statement: a
 * `pg_try_advisory_lock` per job not led here (which never waits) or `SELECT 1` to prove the
 * connection still holds what it holds.
 */
export class PostgresLeadership implements Leadership {
  private readonly jobs = new Map<string, Entry>();
  private readonly listeners: ((s: LeadershipStatus) => void)[] = [];
  private client: Client | undefined;
  private connecting: Promise<Client> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private again = false;
  private closed = false;
  private lastCheck: Date | undefined;
  private problem: string | undefined;
  /** After losing its connection a process lets the others take its jobs first (one more interval). */
  private quietUntil = 0;
  private readonly lockSpace: string;

  constructor(private readonly options: PostgresLeadershipOptions) {
    this.lockSpace = `ccpor-leader:${options.schema}`;
  }

  /** Opens the lock connection and starts checking. */
  static async open(options: PostgresLeadershipOptions): Promise<PostgresLeadership> {
    const l = new PostgresLeadership(options);
    await l.connect().catch((error: unknown) => l.fail(error));
    l.schedule();
    return l;
  }

  async add(job: LeaderJob): Promise<void> {
    if (this.jobs.has(job.name)) throw new Error(`job ${job.name} is already registered`);
    this.jobs.set(job.name, { job });
    await this.tick();
  }

  leads(job: string): boolean {
    return this.jobs.get(job)?.running !== undefined;
  }

  status(): LeadershipStatus {
    const leading = [...this.jobs.values()].filter((e) => e.running !== undefined).map((e) => e.job.name);
    const following = [...this.jobs.values()].filter((e) => e.running === undefined).map((e) => e.job.name);
    return { leading, following, mode: 'postgres', ...(this.lastCheck ? { lastCheckAt: this.lastCheck.toISOString() } : {}), ...(this.problem ? { problem: this.problem } : {}) };
  }

  onChange(listener: (s: LeadershipStatus) => void): void {
    this.listeners.push(listener);
  }

  async resign(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.ticking;
    const held = [...this.jobs.values()].filter((e) => e.running !== undefined);
    // Stop before unlocking: the next leader must not start while this one still runs.
    for (const e of held.reverse()) await this.stopJob(e);
    const client = this.client;
    this.client = undefined;
    if (client) {
      try {
        if (held.length > 0) {
          await client.query('SELECT pg_advisory_unlock_all()');
          await client.query('SELECT pg_notify($1, $2)', [leadershipChannel(this.options.schema), 'resigned']);
        }
      } catch {
        // Closing the connection below releases the locks as well.
      }
      await client.end().catch(() => undefined);
    }
    this.emit();
  }

  private emit(): void {
    const s = this.status();
    for (const l of this.listeners) l(s);
  }

  private schedule(): void {
    if (this.closed) return;
    this.timer = setTimeout(() => {
      void this.tick().finally(() => this.schedule());
    }, this.options.checkIntervalMs ?? 1000);
    this.timer.unref();
  }

  /** One check; concurrent calls (a NOTIFY during a tick) run one more tick after it. */
  private tick(): Promise<void> {
    if (this.ticking) {
      this.again = true;
      return this.ticking;
    }
    this.ticking = (async () => {
      do {
        this.again = false;
        await this.check();
      } while (this.again && !this.closed);
    })().finally(() => {
      this.ticking = undefined;
    });
    return this.ticking;
  }

  private async check(): Promise<void> {
    if (this.closed) return;
    let client: Client;
    try {
      client = this.client ?? (await this.connect());
    } catch (error) {
      await this.fail(error);
      return;
    }
    const quiet = Date.now() < this.quietUntil;
    const free = quiet ? [] : [...this.jobs.values()].filter((e) => e.running === undefined && e.busy === undefined);
    try {
      const rows = await this.withTimeout(
        free.length === 0
          ? client.query('SELECT 1').then(() => [] as { job: string; got: boolean }[])
          : client
              .query<{ job: string; got: boolean }>('SELECT job, pg_try_advisory_lock(hashtext($1), hashtext(job)) AS got FROM unnest($2::text[]) AS job', [this.lockSpace, free.map((e) => e.job.name)])
              .then((r) => r.rows),
      );
      this.lastCheck = new Date();
      this.problem = undefined;
      for (const row of rows) {
        if (!row.got) continue;
        const e = this.jobs.get(row.job)!;
        await this.startJob(e, client);
      }
    } catch (error) {
      await this.fail(error);
    }
  }

  private async startJob(e: Entry, client: Client): Promise<void> {
    const began = Date.now();
    const starting = e.job.start().then(
      (running) => {
        e.running = running;
        this.options.onTransition?.(e.job.name, 'leading', Date.now() - began);
      },
      async (error: unknown) => {
        // A job that cannot start lets go of its lock, so another process may try.
        this.options.onError?.(error);
        await client.query('SELECT pg_advisory_unlock(hashtext($1), hashtext($2))', [this.lockSpace, e.job.name]).catch(() => undefined);
      },
    );
    e.busy = starting;
    await starting;
    e.busy = undefined;
    this.emit();
  }

  private async stopJob(e: Entry): Promise<void> {
    const running = e.running;
    if (!running) return;
    const began = Date.now();
    e.running = undefined;
    try {
      await running.stop();
    } catch (error) {
      this.options.onError?.(error);
    }
    this.options.onTransition?.(e.job.name, 'stopped', Date.now() - began);
  }

  /**
   * The lock connection failed or did not answer in time: this process may no longer hold its
   * locks, so it stops every job it led before anyone else can take them over, and reconnects.
   */
  private async fail(error: unknown): Promise<void> {
    this.problem = error instanceof Error ? error.message : String(error);
    this.options.onError?.(error);
    this.quietUntil = Date.now() + 2 * (this.options.checkIntervalMs ?? 1000);
    const client = this.client;
    this.client = undefined;
    const held = [...this.jobs.values()].filter((e) => e.running !== undefined);
    for (const e of held) await this.stopJob(e);
    client?.end().catch(() => undefined);
    if (held.length > 0) this.emit();
  }

  private withTimeout<T>(p: Promise<T>): Promise<T> {
    const ms = this.options.checkTimeoutMs ?? 2000;
    return new Promise<T>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`the leadership lock connection did not answer within ${ms} ms`)), ms);
      p.then(
        (v) => {
          clearTimeout(t);
          resolve(v);
        },
        (err: unknown) => {
          clearTimeout(t);
          reject(err instanceof Error ? err : new Error(String(err)));
        },
      );
    });
  }

  private connect(): Promise<Client> {
    this.connecting ??= (async () => {
      // Keepalives on the server side of this session: a leader cut off by the network loses
      // its locks after about idle + interval × count = 5 + 2 × 3 = 11 s.
      const client = new Client({ ...this.options.connection, options: '-c tcp_keepalives_idle=5 -c tcp_keepalives_interval=2 -c tcp_keepalives_count=3 -c idle_in_transaction_session_timeout=0' });
      client.on('error', (error) => {
        if (this.client === client) void this.fail(error);
      });
      client.on('notification', () => {
        if (!this.closed) void this.tick();
      });
      try {
        await client.connect();
        await client.query(`LISTEN "${leadershipChannel(this.options.schema)}"`);
      } catch (error) {
        await client.end().catch(() => undefined);
        throw error;
      }
      if (this.closed) {
        await client.end().catch(() => undefined);
        throw new Error('leadership closed');
      }
      this.client = client;
      return client;
    })().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }
}
