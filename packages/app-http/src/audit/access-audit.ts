import { correlate, eventMetadata, expectAny, type Actor, type Clock, type EventStore, type IdGenerator } from '@ccpor/domain';

/**
 * One access decision. Only identifiers and rule names: never a protected person's name, date of
 * birth or address, and never a search query's values (only which fields were searched).
 */
export interface AccessDecisionRecord {
  readonly at: string;
  readonly requestId: string;
  readonly principal: { readonly userId: string; readonly agencyOri: string; readonly roles: readonly string[]; readonly kind: string };
  readonly action: string;
  readonly orderId?: string;
  readonly targetAgencyOri?: string;
  /** The account an administrator acted on (a user name, never a protected person's data). */
  readonly targetUser?: string;
  readonly allowed: boolean;
  readonly code?: string;
  readonly rule: string;
  readonly route: string;
}

export const accessAuditStream = (at: string) => `access-audit-${at.slice(0, 10)}`;

const AUDIT_ACTOR: Actor = { userId: 'system:access-audit', agencyOri: 'CASTATE00', roles: [], kind: 'system' };

/**
 * Collects decisions and appends them in batches (one event per batch) to the day's
 * `access-audit-YYYY-MM-DD` stream, so auditing costs one append per interval, not per request.
 */
export class AccessAuditLog {
  private pending: AccessDecisionRecord[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  recorded = 0;

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly options: { readonly intervalMs: number; readonly maxBatch: number; readonly onError: (e: unknown) => void },
  ) {}

  record(r: AccessDecisionRecord): void {
    this.pending.push(r);
    this.recorded += 1;
    if (this.pending.length >= this.options.maxBatch) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.options.intervalMs);
  }

  /** Writes what is pending; resolves once everything recorded so far is stored. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return this.flushing;
    this.flushing = this.flushing.then(() => this.write(batch));
    return this.flushing;
  }

  private async write(batch: AccessDecisionRecord[]): Promise<void> {
    const byDay = new Map<string, AccessDecisionRecord[]>();
    for (const r of batch) byDay.set(accessAuditStream(r.at), [...(byDay.get(accessAuditStream(r.at)) ?? []), r]);
    for (const [stream, decisions] of byDay) {
      try {
        await this.store.append(
          stream,
          [{ type: 'AccessDecisionsRecorded', schemaVersion: 1, data: { decisions }, metadata: eventMetadata(correlate({ actor: AUDIT_ACTOR }, this.ids), this.ids, this.clock.now()) }],
          expectAny,
        );
      } catch (e) {
        this.options.onError(e);
      }
    }
  }
}
