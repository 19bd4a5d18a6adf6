import type { DojRecordView } from '@ccpor/adapters';

/** A query answer as it was shown to one user, so that user can attach one of its records to an order. */
export interface HeldAnswer {
  readonly userId: string;
  readonly messageId: string;
  readonly askedAt: string;
  readonly records: ReadonlyMap<string, DojRecordView>;
  readonly expiresAt: number;
}

/**
 * DOJ's answers are not stored (ADR 0014): each is held in memory only, for `ttlMs`, by the id
 * the answer was shown under, so its user can attach a record to an order by reference instead of
 * sending the record back (which the registry could not tell from a forged one). A restart, or
 * the time running out, forgets them; at most `capacity` are held (the oldest go first).
 */
export class AnswerCache {
  private readonly held = new Map<string, HeldAnswer>();

  constructor(
    private readonly ttlMs = 15 * 60_000,
    private readonly capacity = 1_000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  hold(answerId: string, answer: Omit<HeldAnswer, 'expiresAt'>): void {
    this.sweep();
    while (this.held.size >= this.capacity) {
      const oldest = this.held.keys().next().value;
      if (oldest === undefined) break;
      this.held.delete(oldest);
    }
    this.held.set(answerId, { ...answer, expiresAt: this.now() + this.ttlMs });
  }

  /** The answer, if it is still held and was shown to this user. */
  get(answerId: string, userId: string): HeldAnswer | undefined {
    this.sweep();
    const answer = this.held.get(answerId);
    return answer !== undefined && answer.userId === userId ? answer : undefined;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, answer] of this.held) if (answer.expiresAt <= now) this.held.delete(id);
  }
}
