import type { EnforcementView, OrderComputed, OrderPrecedence, OrderState, Role } from '@ccpor/domain';
import type { components, paths } from './schema.gen';

/**
 * Answers the OpenAPI document does not describe in full yet (it types only part of the order
 * read and none of the session), typed from the domain, which the server builds them from.
 */
export interface Me {
  readonly username: string;
  readonly displayName: string;
  readonly agencyOri: string;
  readonly roles: readonly Role[];
  readonly cletsCertified: boolean;
  readonly mustChangePassword: boolean;
  readonly csrfToken?: string;
  readonly expiresAt?: string;
}

export interface Agency {
  readonly ori: string;
  readonly name: string;
  readonly kind: 'superior-court' | 'tribal-court' | 'sheriff' | 'other-lea';
  readonly county: string;
  readonly carpos?: CarposSettings;
}

/** How an agency takes part in CARPOS: through the registry or not, submitted by itself or by the sheriff. */
export interface CarposSettings {
  readonly enabled: boolean;
  readonly mnemonic?: string;
  readonly submitter?: 'court' | 'sheriff';
  readonly submitterOri?: string;
}

/** A user as `GET /users` lists them (never a password or its hash). */
export interface AdminUser {
  readonly username: string;
  readonly displayName: string;
  readonly agencyOri: string;
  readonly roles: readonly Role[];
  readonly cletsCertified: boolean;
  readonly disabled: boolean;
  readonly mustChangePassword: boolean;
  readonly lockedUntil?: string;
}

/** An API key as listed: never its secret. */
export interface ApiKeyListed {
  readonly keyId: string;
  readonly agencyOri: string;
  readonly label: string;
  readonly roles: readonly Role[];
  readonly revoked: boolean;
  readonly issuedAt: string;
  readonly issuedBy: string;
}

export type IssuedOrDraft = Extract<OrderState, { status: 'issued' | 'draft' }>;

/** `GET /orders/{id}`: the order as this user may see it, computed fields, and the enforcement view. */
export interface OrderRead {
  readonly orderId: string;
  readonly version: number;
  readonly computed: OrderComputed;
  readonly order: OrderState;
  /** Paths of what the policy withheld from this user, e.g. `details.protectedPersons.0`. */
  readonly redacted: readonly string[];
  readonly precedence?: OrderPrecedence;
  readonly precedenceUnavailable?: string;
}

export type { EnforcementView };

type SearchOk = paths['/api/v1/search']['get']['responses']['200']['content']['application/json'];
export type SearchAnswer = SearchOk;
export type SearchHit = SearchOk['hits'][number];
export type Problem = components['schemas']['Problem'];

/** A row of the CARPOS outbox (pending, awaiting data, dead letter), as `GET /carpos/queues/…` answers. */
export interface OutboxEntry {
  readonly id: string;
  readonly messageId: string;
  readonly orderId: string;
  readonly agencyOri: string | null;
  readonly submitterOri: string | null;
  readonly transaction: string;
  readonly screen: string | null;
  readonly status: string;
  readonly attempts: number;
  readonly nextAttemptAt: string | null;
  readonly lastError: string | null;
  readonly missing: readonly { readonly field: string; readonly label: string }[] | null;
  readonly createdAt: string;
  readonly firstSentAt: string | null;
}

/** DOJ's reject explained by the registry: reason in words, the CARPOS field and the order's own field. */
export interface RejectExplanation {
  readonly reasonCode: string;
  readonly reason: string;
  readonly message?: string;
  readonly carposField?: string;
  readonly carposFieldName?: string;
  readonly field?: string;
}

export interface CorrectionEntry {
  readonly orderId: string;
  readonly agencyOri: string | null;
  readonly fcn: string | null;
  readonly rejectedMessageId: string;
  readonly transaction: string;
  readonly rejectedAt: string | null;
  readonly errors: readonly RejectExplanation[];
}

export interface ReviewEntry {
  readonly orderId: string;
  readonly agencyOri: string | null;
  readonly fcn: string | null;
  readonly messageIds: readonly string[];
}

export interface OverdueEntry {
  readonly orderId: string;
  readonly agencyOri: string | null;
  readonly issuedAt: string | null;
  readonly dojDeadline: string;
  readonly deadlineId: string;
  readonly purpose: string;
  readonly transaction: string | null;
  readonly startedAt: string;
  readonly sentAt: string | null;
  readonly reason: 'awaiting-data' | 'rejected' | 'not-sent' | 'not-acknowledged';
}

export interface DojNotification {
  readonly id: string;
  readonly receivedAt: string;
  readonly agencyOri: string;
  readonly notificationType: string | null;
  readonly fcn: string | null;
  readonly nic: string | null;
  readonly orderId: string | null;
  readonly message: unknown;
}

export interface FirearmOverdueEntry {
  readonly orderId: string;
  readonly form: string | null;
  readonly caseNumber: string | null;
  readonly courtOri: string | null;
  readonly enteringAgencyOri: string;
  readonly receiptDue: string;
  readonly sealed: boolean;
}

/** `GET /agencies/{ori}/readiness`: the court's go-live checklist answered from the registry's data. */
export interface Readiness {
  readonly ori: string;
  readonly name: string;
  readonly ready: boolean;
  readonly lines: readonly { readonly id: string; readonly label: string; readonly answer: 'yes' | 'no' | 'not-applicable'; readonly detail: string }[];
  readonly acceptanceTesting: {
    readonly available: boolean;
    readonly lastRun: null | {
      readonly runId: string;
      readonly startedAt: string;
      readonly finishedAt: string;
      readonly passed: boolean;
      readonly ranBy: string;
      readonly results: readonly { readonly form: string; readonly orderType: string; readonly outcome: 'acknowledged' | 'rejected' | 'no-answer' | 'refused'; readonly orderId?: string; readonly fcn?: string; readonly detail?: string }[];
    };
  };
}

/** A record as DOJ's CARPOS answers a query (`POST /carpos/queries`). */
export interface DojRecordView {
  readonly fcn: string;
  readonly nic?: string;
  readonly status: string;
  readonly statusCode: string;
  readonly enteredOn?: string;
  readonly enteringAgencyOri?: string;
  readonly courtOri?: string;
  readonly caseNumber?: string;
  readonly restrainedName?: string;
  readonly dateOfBirth?: string;
  readonly protectedName?: string;
  readonly issuedOn?: string;
  readonly expiresOn?: string;
}

export interface FieldDifference {
  readonly field: string;
  readonly label: string;
  readonly registry: string | null;
  readonly doj: string | null;
}

export interface FixSuggestion {
  readonly action: string;
  readonly label: string;
  readonly orderId?: string;
}

export type RecordMatch =
  | { readonly kind: 'registry-order'; readonly by: 'fcn' | 'nic' | 'case'; readonly registry: { readonly orderId: string; readonly status: string; readonly caseNumber: string }; readonly differences: readonly FieldDifference[]; readonly inactiveInRegistry: boolean; readonly fixes: readonly FixSuggestion[] }
  | { readonly kind: 'only-at-doj'; readonly fixes: readonly FixSuggestion[] }
  | { readonly kind: 'withheld' };

export interface CarposAnswer {
  readonly answerId: string;
  readonly askedAt: string;
  readonly total: number;
  readonly continuation?: string;
  readonly records: readonly { readonly record: DojRecordView; readonly match: RecordMatch }[];
  readonly withheld: number;
  readonly registrySearch?: { readonly method: 'GET'; readonly href: string };
}

export interface ReconciliationRun {
  readonly id: string;
  readonly scope: 'state' | 'court';
  readonly courtOri: string | null;
  readonly status: 'running' | 'completed' | 'failed' | 'canceled';
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly registryInForce: number;
  readonly dojRecords: number;
  readonly differences: number;
  readonly courtsTotal: number;
  readonly courtsDone: number;
  readonly lastError: string | null;
  readonly requestedBy: { readonly userId: string };
}

export interface ReconciliationDifference {
  readonly id: string;
  readonly courtOri: string;
  readonly kind: 'absent-at-doj' | 'different' | 'inactive-in-registry' | 'only-at-doj';
  readonly orderId: string | null;
  readonly fcn: string | null;
  readonly caseNumber: string | null;
  readonly fields: readonly FieldDifference[];
  readonly fixes: readonly FixSuggestion[];
}
