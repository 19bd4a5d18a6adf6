/**
 * Every rule failure `decide` can return. Codes are stable (clients and translations key on
 * them); messages are sentences a clerk understands. `field` names the input at fault and
 * `rule` the source of the rule, so the HTTP layer can build an RFC 9457 problem from it.
 */
export const DOMAIN_ERROR_CODES = [
  'INVALID_VALUE',
  'ORDER_ALREADY_EXISTS',
  'ORDER_NOT_FOUND',
  'NOT_A_DRAFT',
  'DRAFT_DISCARDED',
  'ORDER_NOT_ISSUED',
  'ORDER_CANCELED',
  'ORDER_ALREADY_CANCELED',
  'ORDER_EXPIRED',
  'INCOMPLETE_ORDER',
  'ISSUED_IN_FUTURE',
  'DOB_IN_FUTURE',
  'EXPIRATION_REQUIRED',
  'EXPIRATION_BEFORE_ISSUE',
  'EXPIRATION_EXCEEDS_MAXIMUM',
  'EXPIRATION_BELOW_MINIMUM',
  'EXPIRATION_NOT_APPLICABLE',
  'NON_EXPIRING_NOT_ALLOWED',
  'HEARING_REQUIRED',
  'HEARING_NOT_APPLICABLE',
  'HEARING_BEFORE_ISSUE',
  'HEARING_TOO_LATE',
  'SERVICE_BEFORE_ISSUE',
  'SERVICE_IN_FUTURE',
  'SERVICE_AFTER_EXPIRATION',
  'SERVICE_METHOD_NOT_ALLOWED',
  'SERVICE_ALREADY_RECORDED',
  'RENEWAL_NOT_ALLOWED',
  'RENEWAL_OUTSIDE_WINDOW',
  'RENEWAL_TOO_LONG',
  'RENEWAL_TOO_SHORT',
  'NO_CHANGES',
  'CANCEL_NOTE_REQUIRED',
  'CLONE_SOURCE_NOT_ISSUED',
  'IMAGE_ALREADY_ATTACHED',
  'IMAGE_NOT_ATTACHED',
  'DOJ_RECORD_CONFLICT',
  'DOJ_RESPONSE_NOT_PENDING',
  // Entry from the form itself (form-reading/).
  'FORM_MISMATCH',
  'READING_ALREADY_APPLIED',
  'READING_UNDER_REVIEW',
  'FIELD_NOT_PENDING',
  'FIELDS_NOT_REVIEWED',
  'FIREARM_TERM_NOT_LAWFUL',
  'FIREARM_RELINQUISHMENT_NOT_ORDERED',
  'FIREARM_RECEIPT_ALREADY_RECORDED',
  'SERVICE_BY_MAIL_NOT_ALLOWED',
  'REGISTRATION_NOT_APPLICABLE',
  'COURT_FILING_NOT_APPLICABLE',
  'COURT_FILING_ALREADY_RECORDED',
  'ORDERED_AT_INVALID',
  'COURT_ALREADY_CLOSED',
  'COURT_CLOSURE_EXISTS',
  'COURT_CLOSURE_NOT_FOUND',
  'CLOSE_OF_BUSINESS_OUT_OF_RANGE',
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export interface DomainError {
  readonly code: DomainErrorCode;
  readonly message: string;
  readonly field?: string;
  /** Where the rule comes from, e.g. "Fam. Code 6256; docs/law/durations.md". */
  readonly rule?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export const domainError = (
  code: DomainErrorCode,
  message: string,
  extra: { field?: string; rule?: string; details?: Record<string, unknown> } = {},
): DomainError => ({ code, message, ...extra });
