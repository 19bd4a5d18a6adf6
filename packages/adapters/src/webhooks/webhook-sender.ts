import { type DeliveryOutcome } from '../outbox/outbox-worker';

export interface WebhookRequest {
  readonly url: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The receiver must answer within this time; otherwise the attempt failed and goes again. */
  readonly timeoutMs: number;
}

/**
 * POSTs one webhook. Any 2xx is an acknowledgement; anything else (another status, a redirect, which
 * is never followed, a timeout, a refused connection) fails the attempt, and the outbox retries it.
 * Error texts name the status or the network error only, never the body.
 */
export const postWebhook = async (r: WebhookRequest): Promise<DeliveryOutcome> => {
  try {
    const res = await fetch(r.url, {
      method: 'POST',
      body: r.body,
      headers: { 'Content-Type': 'application/json', 'User-Agent': 'ccpor-webhooks/1', ...r.headers },
      redirect: 'manual',
      signal: AbortSignal.timeout(r.timeoutMs),
    });
    // The body is not needed; reading it frees the connection.
    await res.arrayBuffer().catch(() => undefined);
    if (res.status >= 200 && res.status < 300) return { kind: 'delivered' };
    return { kind: 'failed', error: `the receiver answered ${res.status}` };
  } catch (error) {
    const e = error as { name?: string; cause?: { code?: string } };
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return { kind: 'failed', error: `no answer within ${r.timeoutMs} ms` };
    return { kind: 'failed', error: `could not reach the receiver (${e.cause?.code ?? e.name ?? 'network error'})` };
  }
};
