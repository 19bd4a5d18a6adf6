import { correlate, eventMetadata, expectAny, type Actor, type Clock, type EventStore, type IdGenerator } from '@ccpor/domain';
import * as E from 'fp-ts/Either';

/**
 * What the registry did with CLETS data (ADR 0014): each CARPOS query as it is asked (who, when,
 * what was asked, under which ORI) and as its answer is shown (the record numbers returned, never
 * their contents), each reconciliation started, viewed or exported, each DOJ record attached to an
 * order and each resend. Unlike the access audit it says what was asked, because CLETS policy
 * wants inquiries traceable; it goes to its own daily stream, never to the application log.
 */
export type CletsAuditAction =
  | 'carpos.query'
  | 'carpos.answer.view'
  | 'carpos.record.attach'
  | 'carpos.record.view'
  | 'carpos.reconciliation.start'
  | 'carpos.reconciliation.view'
  | 'carpos.reconciliation.export'
  | 'carpos.resend';

export interface CletsAuditRecord {
  readonly at: string;
  readonly requestId: string;
  readonly principal: { readonly userId: string; readonly agencyOri: string; readonly roles: readonly string[]; readonly kind: string };
  readonly action: CletsAuditAction;
  readonly route: string;
  /** The query's criteria as sent (form, name, date of birth, record number, case and court). */
  readonly asked?: Readonly<Record<string, string>>;
  /** The ORI the query went out under, and the frame id DOJ answered. */
  readonly queryOri?: string;
  readonly messageId?: string;
  readonly outcome?: {
    readonly kind: 'answered' | 'rejected' | 'no-answer' | 'invalid' | 'stopped' | 'refused';
    readonly records?: number;
    readonly total?: number;
    /** Record numbers of the DOJ records shown. */
    readonly fcns?: readonly string[];
    readonly code?: string;
  };
  readonly runId?: string;
  readonly orderId?: string;
  readonly courtOri?: string;
}

export const cletsAuditStream = (at: string): string => `clets-audit-${at.slice(0, 10)}`;

const AUDIT_ACTOR: Actor = { userId: 'system:clets-audit', agencyOri: 'CASTATE00', roles: [], kind: 'system' };

/**
 * Appends each record before the caller goes on: a query is not sent unless its asking is on
 * record, and an answer is not shown unless its viewing is. A failure to write is the caller's
 * failure (the route answers 500 and shows nothing).
 */
export class CletsAudit {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async record(r: CletsAuditRecord): Promise<void> {
    const appended = await this.store.append(
      cletsAuditStream(r.at),
      // The request's id correlates the access with the request's own log lines; a new one when it has none.
      [{ type: 'CletsDataAccessed', schemaVersion: 1, data: r, metadata: eventMetadata(correlate({ actor: AUDIT_ACTOR, ...(r.requestId ? { correlationId: r.requestId } : {}) }, this.ids), this.ids, this.clock.now()) }],
      expectAny,
    );
    if (E.isLeft(appended)) throw new Error(`the CLETS audit was not written: ${appended.left.code}`);
  }

  /** Every record of a day, oldest first (investigations, tests). */
  async day(date: string): Promise<CletsAuditRecord[]> {
    const events = await this.store.readStream(cletsAuditStream(date));
    return events.map((e) => e.data as CletsAuditRecord);
  }
}
