import { Client, type ClientConfig, type Pool } from 'pg';
import type { Wakeup } from '../sql/wakeup';

/**
 * LISTEN/NOTIFY between processes sharing one database. The NOTIFY is sent after the append
 * has committed, in its own statement, and bursts are coalesced to one in flight: a NOTIFY
 * inside the appending transaction would take PostgreSQL's global notify lock at every
 * commit and serialise concurrent appends. Failures are tolerated: subscribers also poll.
 * Subscribers in the appending process itself are woken directly, without a round trip.
 */
export class PostgresNotifier {
  private listener: Client | undefined;
  private listening: Promise<void> | undefined;
  private notifying = false;
  private notifyAgain = false;
  private closed = false;

  constructor(
    private readonly pool: Pool,
    private readonly config: ClientConfig,
    private readonly channel: string,
    private readonly wakeup: Wakeup,
    private readonly minIntervalMs = 5,
  ) {}

  /** Tells other processes that the log grew. */
  notify(): void {
    if (this.closed) return;
    if (this.notifying) {
      this.notifyAgain = true;
      return;
    }
    this.notifying = true;
    // The notification need not be durable, so its commit does not wait for a WAL flush.
    this.pool
      .query("SELECT set_config('synchronous_commit', 'off', true), pg_notify($1, '')", [this.channel])
      .catch(() => undefined)
      // At most one NOTIFY per interval: a burst of appends wakes listeners once, promptly.
      .then(() => new Promise((resolve) => setTimeout(resolve, this.minIntervalMs)))
      .finally(() => {
        this.notifying = false;
        if (this.notifyAgain) {
          this.notifyAgain = false;
          this.notify();
        }
      });
  }

  /** Starts listening (once); resolves when LISTEN is in place, or when it failed (polling remains). */
  listen(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.listening ??= this.startListening().catch(() => {
      // Try again on the next subscription; until then subscribers poll.
      this.listening = undefined;
    });
    return this.listening;
  }

  async close(): Promise<void> {
    this.closed = true;
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
  }

  private async startListening(): Promise<void> {
    const client = new Client(this.config);
    client.on('notification', (message) => {
      if (message.channel === this.channel) this.wakeup.signal();
    });
    client.on('error', () => {
      // The connection is gone: forget it so the next subscription reconnects.
      if (this.listener === client) {
        this.listener = undefined;
        this.listening = undefined;
      }
      client.end().catch(() => undefined);
    });
    await client.connect();
    await client.query(`LISTEN "${this.channel}"`);
    if (this.closed) {
      await client.end();
      return;
    }
    this.listener = client;
    // Anything committed while we were connecting: let subscribers look once more.
    this.wakeup.signal();
  }
}
