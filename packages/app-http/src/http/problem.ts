import type { DomainError, DomainErrorCode, HandlerError } from '@ccpor/domain';

export interface ProblemField {
  readonly field: string;
  readonly reason: string;
}

/**
 * An RFC 9457 problem. Thrown inside route handlers and rendered by the error middleware as
 * application/problem+json; `code` is stable for clients, `field` and `rule` say what to fix.
 */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly extra: { readonly field?: string; readonly rule?: string; readonly errors?: readonly ProblemField[]; readonly [k: string]: unknown } = {},
  ) {
    super(detail);
    this.name = 'Problem';
  }

  body(instance?: string): Record<string, unknown> {
    return {
      type: `urn:ccpor:problem:${this.code.toLowerCase().replace(/_/g, '-')}`,
      title: this.title,
      status: this.status,
      detail: this.detail,
      code: this.code,
      ...this.extra,
      ...(instance ? { instance } : {}),
    };
  }
}

/** Codes that say the order is in the wrong state for the command: a conflict with its current state. */
const STATE_CONFLICTS: ReadonlySet<DomainErrorCode> = new Set([
  'ORDER_ALREADY_EXISTS',
  'NOT_A_DRAFT',
  'DRAFT_DISCARDED',
  'ORDER_NOT_ISSUED',
  'ORDER_CANCELED',
  'ORDER_ALREADY_CANCELED',
  'SERVICE_ALREADY_RECORDED',
  'IMAGE_ALREADY_ATTACHED',
  'IMAGE_NOT_ATTACHED',
  'DOJ_RESPONSE_NOT_PENDING',
  'CLONE_SOURCE_NOT_ISSUED',
  'READING_ALREADY_APPLIED',
  'READING_UNDER_REVIEW',
  'FIELD_NOT_PENDING',
  'FIREARM_RECEIPT_ALREADY_RECORDED',
  'COURT_FILING_ALREADY_RECORDED',
  'COURT_CLOSURE_EXISTS',
]);

/** DomainError code → HTTP status: malformed input 400, unknown order 404, state conflicts 409, rule failures 422. */
export const statusForDomainError = (code: DomainErrorCode): number =>
  code === 'INVALID_VALUE' ? 400 : code === 'ORDER_NOT_FOUND' || code === 'COURT_CLOSURE_NOT_FOUND' ? 404 : STATE_CONFLICTS.has(code) ? 409 : 422;

export const fromDomainError = (e: DomainError): Problem => {
  const problems = (e.details?.problems as ProblemField[] | undefined) ?? undefined;
  return new Problem(statusForDomainError(e.code), e.code, e.code === 'INVALID_VALUE' ? 'Invalid request' : 'Rule not met', e.message, {
    ...(e.field ? { field: e.field } : {}),
    ...(e.rule ? { rule: e.rule } : {}),
    ...(problems ? { errors: problems } : {}),
  });
};

export const fromHandlerError = (e: HandlerError, ifMatchSent: boolean): Problem => {
  switch (e.kind) {
    case 'domain':
      return fromDomainError(e.error);
    case 'conflict':
      return ifMatchSent
        ? new Problem(412, 'VERSION_MISMATCH', 'Precondition failed', `The order is at version ${e.actualVersion ?? 'unknown'}, not ${e.expectedVersion}; read it again and retry.`, {
            field: 'If-Match',
            rule: 'optimistic concurrency (ADR 0030)',
            currentVersion: e.actualVersion,
          })
        : new Problem(409, 'CONCURRENT_CHANGE', 'Concurrent change', 'Someone changed the order at the same time; read it again and retry.', { rule: 'optimistic concurrency (ADR 0030)' });
    case 'corrupt-stream':
      return new Problem(500, 'CORRUPT_STREAM', 'Stored history unreadable', `Event ${e.streamVersion} of the order does not match its schema; an administrator has to look at it.`);
  }
};

export const notFound = (what = 'order') => new Problem(404, 'NOT_FOUND', 'Not found', `No such ${what}.`);

/**
 * The one answer for each kind of record that is not there. A record the policy hides from the
 * caller (a sealed order, another agency's draft or account) gets exactly the same answer, code
 * and field included, so the difference between "hidden" and "absent" never shows (ADR 0034).
 */
export const NO_SUCH = {
  order: () => new Problem(404, 'ORDER_NOT_FOUND', 'Not found', 'No such order.', { field: 'orderId' }),
  user: () => new Problem(404, 'USER_NOT_FOUND', 'Not found', 'No such user.', { field: 'username' }),
  apiKey: () => new Problem(404, 'API_KEY_NOT_FOUND', 'Not found', 'No such API key.', { field: 'keyId' }),
  image: () => new Problem(404, 'IMAGE_NOT_ATTACHED', 'Not found', 'The order has no image with this sha256.', { field: 'sha256' }),
} as const;
export type Concealed = keyof typeof NO_SUCH;
export const badRequest = (code: string, detail: string, field?: string, rule?: string) =>
  new Problem(400, code, 'Invalid request', detail, { ...(field ? { field } : {}), ...(rule ? { rule } : {}) });
