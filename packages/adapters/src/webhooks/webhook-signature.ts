import { createHmac, timingSafeEqual } from 'node:crypto';

/** The headers every webhook carries (ADR 0072). */
export const WEBHOOK_HEADERS = {
  signature: 'CCPOR-Signature',
  deliveryId: 'CCPOR-Delivery-Id',
  event: 'CCPOR-Event',
} as const;

/** How old a signed timestamp a receiver should accept, by default (seconds). */
export const DEFAULT_TOLERANCE_SECONDS = 300;

const mac = (secret: string, timestamp: number, body: string): string => createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

/**
 * `CCPOR-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`. The timestamp is
 * signed with the body, so a captured request cannot be replayed later than the receiver's
 * tolerance; each attempt is signed afresh, while its delivery id stays the same.
 */
export const signWebhook = (secret: string, body: string, timestampSeconds: number): string => `t=${timestampSeconds},v1=${mac(secret, timestampSeconds, body)}`;

export type WebhookVerification = { readonly ok: true; readonly timestamp: number } | { readonly ok: false; readonly reason: 'malformed' | 'bad-signature' | 'stale' | 'future' };

/**
 * What a receiver runs (and what the registry's tests run): the signature must match the raw body
 * under the subscription's secret, and the timestamp must be within `toleranceSeconds` of now.
 * Receivers also keep the delivery ids they have processed: a repeat is acknowledged, not re-applied.
 */
export const verifyWebhook = (input: { secret: string; header: string | undefined; body: string; nowSeconds: number; toleranceSeconds?: number }): WebhookVerification => {
  const parts = new Map((input.header ?? '').split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const given = parts.get('v1');
  if (!Number.isInteger(t) || given === undefined || !/^[0-9a-f]{64}$/.test(given)) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(mac(input.secret, t, input.body), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(given, 'hex'))) return { ok: false, reason: 'bad-signature' };
  const tolerance = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (t < input.nowSeconds - tolerance) return { ok: false, reason: 'stale' };
  if (t > input.nowSeconds + tolerance) return { ok: false, reason: 'future' };
  return { ok: true, timestamp: t };
};
