import * as t from 'io-ts';
import { optionalWhole } from '../config/optional-whole';

const OptionalText = t.union([t.string, t.undefined]);

/**
 * The integration feed's and webhooks' environment variables (and the secrets key the mail
 * outbox shares), decoded with the rest of the configuration (config/config.ts spreads these in).
 */
export const IntegrationEnvCodec = t.type({
  CCPOR_INTEGRATIONS: OptionalText,
  CCPOR_SECRETS_KEY: OptionalText,
  CCPOR_WEBHOOK_TIMEOUT_MS: optionalWhole('milliseconds', 100, 120_000),
  CCPOR_WEBHOOK_MAX_ATTEMPTS: optionalWhole('attempts', 1, 100),
  CCPOR_WEBHOOK_RETRY_MS: optionalWhole('milliseconds', 10, 3_600_000),
  CCPOR_WEBHOOK_ALLOW_HTTP: OptionalText,
});

export const INTEGRATION_ENV_DOCS: Record<keyof typeof IntegrationEnvCodec.props, string> = {
  CCPOR_INTEGRATIONS:
    '`true` or `false`: run the integration feed and webhooks in `serve` (default: on with the embedded store and PostgreSQL, off with `memory`; never on EventStoreDB, which has no SQL beside the log). The feed starts at the log\'s end the first time it runs.',
  CCPOR_SECRETS_KEY:
    'Key (32 bytes: 64 hex digits or base64) that encrypts webhook signing secrets and protected persons\' e-mail addresses at rest. Required to create webhook subscriptions or mail contacts on a lasting store; the memory store uses a key of its own.',
  CCPOR_WEBHOOK_TIMEOUT_MS: 'How long a webhook receiver has to answer before the attempt counts as failed (default 10000).',
  CCPOR_WEBHOOK_MAX_ATTEMPTS: 'Attempts before a webhook delivery is dead-lettered for an operator to retry (default 10).',
  CCPOR_WEBHOOK_RETRY_MS: 'Wait before the second attempt; it doubles, with jitter, up to one hour (default 1000).',
  CCPOR_WEBHOOK_ALLOW_HTTP: '`true` allows webhook URLs over plain http (a receiver on the same host or a test); otherwise only https (default `false`).',
};

export interface IntegrationConfig {
  /** Undefined: the default for the store (on for the embedded store and PostgreSQL, off for memory). */
  readonly enabled?: boolean;
  /** Undefined: no lasting key (the memory store makes one; other stores refuse to store secrets). */
  readonly secretsKey?: string;
  readonly webhookTimeoutMs: number;
  readonly webhookMaxAttempts: number;
  readonly webhookRetryMs: number;
  readonly allowHttp: boolean;
}

export type IntegrationEnv = t.TypeOf<typeof IntegrationEnvCodec>;

const flag = (v: string | undefined, fallback: boolean, field: string): boolean | { field: string; reason: string } => {
  if (v === undefined || v.trim() === '') return fallback;
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return { field, reason: `must be true or false; got ${JSON.stringify(v)}` };
};

export const integrationConfigFrom = (v: IntegrationEnv): { readonly config?: IntegrationConfig; readonly problems: readonly { field: string; reason: string }[] } => {
  const enabled = v.CCPOR_INTEGRATIONS === undefined || v.CCPOR_INTEGRATIONS.trim() === '' ? undefined : flag(v.CCPOR_INTEGRATIONS, true, 'CCPOR_INTEGRATIONS');
  const allowHttp = flag(v.CCPOR_WEBHOOK_ALLOW_HTTP, false, 'CCPOR_WEBHOOK_ALLOW_HTTP');
  const problems = [enabled, allowHttp].filter((x): x is { field: string; reason: string } => typeof x === 'object');
  const key = v.CCPOR_SECRETS_KEY?.trim();
  if (key !== undefined && key !== '') {
    const bytes = /^[0-9a-fA-F]{64}$/.test(key) ? 32 : Buffer.from(key, 'base64').length;
    if (bytes !== 32) problems.push({ field: 'CCPOR_SECRETS_KEY', reason: 'must be 32 bytes, written as 64 hex digits or in base64 (the value is not shown)' });
  }
  if (problems.length > 0) return { problems };
  return {
    config: {
      ...(typeof enabled === 'boolean' ? { enabled } : {}),
      ...(key !== undefined && key !== '' ? { secretsKey: key } : {}),
      webhookTimeoutMs: v.CCPOR_WEBHOOK_TIMEOUT_MS ?? 10_000,
      webhookMaxAttempts: v.CCPOR_WEBHOOK_MAX_ATTEMPTS ?? 10,
      webhookRetryMs: v.CCPOR_WEBHOOK_RETRY_MS ?? 1_000,
      allowHttp: allowHttp as boolean,
    },
    problems: [],
  };
};
