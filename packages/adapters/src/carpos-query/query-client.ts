import { fieldValue, type EncodeError, type Layout, type Message, type ProtocolCodec } from '@ccpor/carpos-protocol';
import { type CletsLink } from '@ccpor/domain';
import * as E from 'fp-ts/Either';

/** Frame ids of query pages start with Q; outbox ids are digits and heartbeats start with HB, so answers never mix. */
export const QUERY_ID_PREFIX = 'Q';

export interface QueryClientSettings {
  /** A page not complete this long after it was sent is asked for again under a new id. Default 10,000 ms. */
  readonly pageTimeoutMs: number;
  /** Attempts per page before giving up (a reconciliation asks for more). Default 3. */
  readonly attempts: number;
  /** Query pages in flight at once, so entries arriving meanwhile wait behind few queries at DOJ. Default 4. */
  readonly window: number;
  /** How often a query waiting for entries to drain looks again. Default 25 ms. */
  readonly priorityPollMs: number;
}

export const defaultQueryClientSettings: QueryClientSettings = { pageTimeoutMs: 10_000, attempts: 3, window: 4, priorityPollMs: 25 };

export type QueryFailure =
  | { readonly kind: 'invalid'; readonly errors: readonly EncodeError[] }
  | { readonly kind: 'rejected'; readonly code: string; readonly field?: string; readonly text?: string }
  | { readonly kind: 'no-answer'; readonly attempts: number }
  | { readonly kind: 'stopped' };

/** One page of DOJ's answer: its hits in order, how many records matched in all, and where to continue. */
export interface AnswerPage {
  /** Frame id of the attempt DOJ answered (what the CLETS audit records). */
  readonly messageId: string;
  readonly hits: readonly Message[];
  readonly total: number;
  readonly continuation?: string;
}

type Outcome = { readonly kind: 'page'; readonly page: AnswerPage } | { readonly kind: 'rejected'; readonly failure: QueryFailure } | { readonly kind: 'lost' };

interface Pending {
  readonly hits: Map<number, Message>;
  expected: number | undefined;
  readonly settle: (outcome: Outcome) => void;
}

const BASE36 = 36 ** 7;

class Stopped extends Error {}

/**
 * Sends CARPOS queries over the gateway's CLETS link and puts DOJ's answers back together. Every
 * page is its own request: on a timeout or a dropped link it is sent again under a new frame id
 * (late frames of the old id are ignored), so a page is whole or not at all. Queries yield to
 * entries: one goes out only while `entriesReady` says no outbox row is waiting (ADR 0012).
 */
export class CarposQueryClient {
  private readonly pending = new Map<string, Pending>();
  private readonly slotWaiters: (() => void)[] = [];
  private inFlight = 0;
  private sequence = Math.floor(Math.random() * BASE36);
  private stopped = false;
  readonly settings: QueryClientSettings;
  readonly stats = { pages: 0, retries: 0, rejected: 0, staleFrames: 0, waitedForEntries: 0 };

  constructor(
    private readonly link: CletsLink,
    private readonly codec: ProtocolCodec,
    private readonly layout: Layout,
    private readonly entriesReady: () => Promise<boolean>,
    settings: Partial<QueryClientSettings> = {},
  ) {
    this.settings = { ...defaultQueryClientSettings, ...settings };
  }

  /** Asks for one page; `attempts` overrides the default (a reconciliation waits out a link fault). */
  async page(message: Message, options: { readonly attempts?: number; readonly signal?: AbortSignal } = {}): Promise<E.Either<QueryFailure, AnswerPage>> {
    const text = this.codec.encode(message, { layout: this.layout });
    if (E.isLeft(text)) return E.left({ kind: 'invalid', errors: text.left });
    const attempts = options.attempts ?? this.settings.attempts;
    try {
      for (let attempt = 1; attempt <= attempts; attempt += 1) {
        if (attempt > 1) this.stats.retries += 1;
        const outcome = await this.attempt(text.right, options.signal);
        if (outcome.kind === 'page') {
          this.stats.pages += 1;
          return E.right(outcome.page);
        }
        if (outcome.kind === 'rejected') {
          this.stats.rejected += 1;
          return E.left(outcome.failure);
        }
        // Lost: the link dropped or DOJ stayed silent. Give a dead link a moment before the next try.
        if (!this.link.connected) await this.sleep(Math.min(this.settings.pageTimeoutMs, 250 * attempt), options.signal);
      }
      return E.left({ kind: 'no-answer', attempts });
    } catch (error) {
      if (error instanceof Stopped) return E.left({ kind: 'stopped' });
      throw error;
    }
  }

  /** An answer frame whose MRI is a query id: true when it belonged to a page still awaited. */
  deliver(message: Message): boolean {
    const id = fieldValue(message, 'MRI') ?? '';
    const pending = this.pending.get(id);
    if (pending === undefined) {
      this.stats.staleFrames += 1;
      return false;
    }
    const role = this.codec.dictionary.messages[message.key]?.role;
    if (role === 'reject') {
      const field = fieldValue(message, 'ERF');
      const text = fieldValue(message, 'ERM');
      pending.settle({ kind: 'rejected', failure: { kind: 'rejected', code: fieldValue(message, 'ERC') ?? 'REJ', ...(field !== undefined ? { field } : {}), ...(text !== undefined ? { text } : {}) } });
      return true;
    }
    if (role === 'no-hit') {
      pending.settle({ kind: 'page', page: { messageId: id, hits: [], total: 0 } });
      return true;
    }
    if (role !== 'hit') return false;
    const sequence = Number(fieldValue(message, 'HSQ'));
    const count = Number(fieldValue(message, 'HCT'));
    if (!Number.isInteger(sequence) || !Number.isInteger(count) || sequence < 1 || sequence > count) return false;
    pending.expected = count;
    pending.hits.set(sequence, message);
    if (pending.hits.size < count) return true;
    const hits = [...pending.hits.entries()].sort(([a], [b]) => a - b).map(([, hit]) => hit);
    const first = hits[0];
    const total = Number(first === undefined ? count : (fieldValue(first, 'TOT') ?? count));
    const continuation = first === undefined ? undefined : fieldValue(first, 'CTK');
    pending.settle({ kind: 'page', page: { messageId: id, hits, total, ...(continuation !== undefined ? { continuation } : {}) } });
    return true;
  }

  /** The link dropped: nothing in flight will be answered on it; every page waiting goes again. */
  linkDropped(): void {
    for (const pending of [...this.pending.values()]) pending.settle({ kind: 'lost' });
  }

  stop(): void {
    this.stopped = true;
    this.linkDropped();
    for (const wake of this.slotWaiters.splice(0)) wake();
  }

  private async attempt(text: string, signal: AbortSignal | undefined): Promise<Outcome> {
    await this.takeSlot(signal);
    try {
      await this.waitForEntries(signal);
      const id = this.nextId();
      return await new Promise<Outcome>((resolve) => {
        let settled = false;
        const settle = (outcome: Outcome): void => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          this.pending.delete(id);
          resolve(outcome);
        };
        const onAbort = (): void => settle({ kind: 'lost' });
        const timer = setTimeout(() => settle({ kind: 'lost' }), this.settings.pageTimeoutMs);
        signal?.addEventListener('abort', onAbort);
        this.pending.set(id, { hits: new Map(), expected: undefined, settle });
        this.link.send(id, text).catch(() => settle({ kind: 'lost' }));
      }).then((outcome) => {
        if (this.stopped || signal?.aborted === true) throw new Stopped();
        return outcome;
      });
    } finally {
      this.releaseSlot();
    }
  }

  /** Entries first: wait while the outbox has a row ready to go. */
  private async waitForEntries(signal: AbortSignal | undefined): Promise<void> {
    let waited = false;
    while (await this.entriesReady()) {
      if (!waited) this.stats.waitedForEntries += 1;
      waited = true;
      await this.sleep(this.settings.priorityPollMs, signal);
    }
  }

  private async takeSlot(signal: AbortSignal | undefined): Promise<void> {
    while (this.inFlight >= this.settings.window) {
      if (this.stopped || signal?.aborted === true) throw new Stopped();
      await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
    }
    if (this.stopped || signal?.aborted === true) throw new Stopped();
    this.inFlight += 1;
  }

  private releaseSlot(): void {
    this.inFlight -= 1;
    this.slotWaiters.shift()?.();
  }

  private sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
    if (this.stopped || signal?.aborted === true) return Promise.reject(new Stopped());
    return new Promise((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', abort);
        resolve();
      };
      const abort = (): void => {
        clearTimeout(timer);
        reject(new Stopped());
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', abort, { once: true });
    });
  }

  private nextId(): string {
    this.sequence = (this.sequence + 1) % BASE36;
    return QUERY_ID_PREFIX + this.sequence.toString(36).toUpperCase().padStart(7, '0');
  }
}
