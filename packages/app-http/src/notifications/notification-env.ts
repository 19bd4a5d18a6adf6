import * as t from 'io-ts';
import { optionalWhole } from '../config/optional-whole';

const OptionalText = t.union([t.string, t.undefined]);

/** The mail notifications' environment variables (config/config.ts spreads these in). */
export const NotificationEnvCodec = t.type({
  CCPOR_SMTP_URL: OptionalText,
  CCPOR_MAIL_FROM: OptionalText,
  CCPOR_PUBLIC_URL: OptionalText,
  CCPOR_MAIL_EXPIRY_NOTICE_DAYS: optionalWhole('days', 1, 365),
  CCPOR_MAIL_MAX_ATTEMPTS: optionalWhole('attempts', 1, 100),
  CCPOR_MAIL_RETRY_MS: optionalWhole('milliseconds', 10, 3_600_000),
  CCPOR_MAIL_SCHEDULE_MS: optionalWhole('milliseconds', 100, 3_600_000),
});

export const NOTIFICATION_ENV_DOCS: Record<keyof typeof NotificationEnvCodec.props, string> = {
  CCPOR_SMTP_URL: 'SMTP server for e-mail notifications, e.g. `smtps://user:password@mail.example:465` or `smtp://127.0.0.1:25`. Set it to run the mail outbox inside `serve`; unset, no mail is sent and `/api/v1/notifications/…` answers 503.',
  CCPOR_MAIL_FROM: 'The From address of notifications (required with `CCPOR_SMTP_URL`), e.g. `CCPOR <no-reply@courts.example>`.',
  CCPOR_PUBLIC_URL: 'The registry\'s public base URL, for links in e-mails (the order, the unsubscribe link); required with `CCPOR_SMTP_URL`.',
  CCPOR_MAIL_EXPIRY_NOTICE_DAYS: 'How many days before an order expires its opted-in protected persons are told (default 14).',
  CCPOR_MAIL_MAX_ATTEMPTS: 'Attempts before a notification is dead-lettered for an operator to retry (default 10).',
  CCPOR_MAIL_RETRY_MS: 'Wait before the second attempt; it doubles, with jitter, up to one hour (default 5000).',
  CCPOR_MAIL_SCHEDULE_MS: 'How often time-bound notifications (DOJ deadline passed, expiry near, renewal window open) are looked for (default 60000).',
};

export interface NotificationConfig {
  readonly smtpUrl: string;
  readonly from: string;
  readonly publicUrl: string;
  readonly expiryNoticeDays: number;
  readonly maxAttempts: number;
  readonly retryMs: number;
  readonly scheduleMs: number;
}

export type NotificationEnv = t.TypeOf<typeof NotificationEnvCodec>;

export const notificationConfigFrom = (v: NotificationEnv): { readonly config?: NotificationConfig; readonly problems: readonly { field: string; reason: string }[] } => {
  const url = v.CCPOR_SMTP_URL?.trim();
  if (url === undefined || url === '') return { problems: [] };
  const problems: { field: string; reason: string }[] = [];
  if (!/^smtps?:\/\//.test(url) || !URL.canParse(url)) problems.push({ field: 'CCPOR_SMTP_URL', reason: 'must be an smtp:// or smtps:// URL (the value is not shown)' });
  const from = v.CCPOR_MAIL_FROM?.trim();
  if (from === undefined || from === '') problems.push({ field: 'CCPOR_MAIL_FROM', reason: 'is required when CCPOR_SMTP_URL is set' });
  const publicUrl = v.CCPOR_PUBLIC_URL?.trim().replace(/\/+$/, '');
  if (publicUrl === undefined || publicUrl === '' || !URL.canParse(publicUrl)) problems.push({ field: 'CCPOR_PUBLIC_URL', reason: 'is required when CCPOR_SMTP_URL is set, as an absolute URL' });
  if (problems.length > 0) return { problems };
  return {
    config: {
      smtpUrl: url,
      from: from as string,
      publicUrl: publicUrl as string,
      expiryNoticeDays: v.CCPOR_MAIL_EXPIRY_NOTICE_DAYS ?? 14,
      maxAttempts: v.CCPOR_MAIL_MAX_ATTEMPTS ?? 10,
      retryMs: v.CCPOR_MAIL_RETRY_MS ?? 5_000,
      scheduleMs: v.CCPOR_MAIL_SCHEDULE_MS ?? 60_000,
    },
    problems: [],
  };
};
