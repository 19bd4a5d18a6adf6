/** Notifications to an agency's designated staff (ADR 0073). */
export const AGENCY_KINDS = ['doj-rejected', 'doj-deadline-passed', 'renewal-window', 'firearm-receipt-overdue'] as const;
/** Notifications to a protected person who opted in. */
export const PROTECTED_PERSON_KINDS = ['service-recorded', 'expiry-upcoming'] as const;
export const NOTIFICATION_KINDS = [...AGENCY_KINDS, ...PROTECTED_PERSON_KINDS] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export type ContactScope = 'agency' | 'protected-person';

export const scopeOfKind = (k: NotificationKind): ContactScope => ((AGENCY_KINDS as readonly string[]).includes(k) ? 'agency' : 'protected-person');

/** What a mail outbox row carries: never an address, only what to look up when sending. */
export interface MailPayload {
  readonly kind: NotificationKind;
  readonly orderId: string;
  /** The order version the notification is about (an event's), or the milestone's instant. */
  readonly version?: number;
  readonly milestone?: string;
}
