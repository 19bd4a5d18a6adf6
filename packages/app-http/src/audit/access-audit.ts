import { correlate, eventMetadata, expectAny, type Actor, type Clock, type EventStore, type IdGenerator } from '@ccpor/domain';
import type { AccessDecisionRecord } from '../http/access-decision-record';

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
