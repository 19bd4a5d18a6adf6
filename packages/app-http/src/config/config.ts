import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { decodeWith } from '@ccpor/domain';
import { CARPOS_ENV_DOCS, CarposEnvCodec, carposConfigFrom, type CarposConfig } from '../carpos/carpos-env';
import { INTEGRATION_ENV_DOCS, IntegrationEnvCodec, integrationConfigFrom, type IntegrationConfig } from '../integrations/integration-env';
import { NOTIFICATION_ENV_DOCS, NotificationEnvCodec, notificationConfigFrom, type NotificationConfig } from '../notifications/notification-env';
import { IMAGE_ENV_DOCS, ImageEnvCodec, imageConfigFrom, type ImageConfig } from '../images/image-env';
import { SCAN_ENV_DOCS, ScanEnvCodec, scanConfigFrom, type ScanInboxConfig } from '../scans/scan-env';
import { WEB_ENV_DOCS, WebEnvCodec, webConfigFrom, type WebConfig } from '../web/web-env';
import { FORM_READING_ENV_DOCS, FormReadingEnvCodec, formReadingConfigFrom, type FormReadingConfig } from '../form-reading/form-reading-env';
import { SCALE_ENV_DOCS, ScaleEnvCodec, scaleConfigFrom, type ScaleConfig } from './scale-env';
import { TRANSPORT_ENV_DOCS, TransportEnvCodec, transportConfigFrom, type TransportConfig } from './transport-env';

/** Which event store the registry runs on, read from CCPOR_STORE. */
export type StoreConfig =
  | { readonly kind: 'pglite'; readonly dataDir: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly schema: string; readonly poolSize: number }
  | { readonly kind: 'esdb'; readonly connectionString: string }
  | { readonly kind: 'memory' };

const storeFromString = (raw: string, schema: string, poolSize: number): StoreConfig => {
  if (raw === 'memory') return { kind: 'memory' };
  if (raw.startsWith('postgres://') || raw.startsWith('postgresql://')) return { kind: 'postgres', url: raw, schema, poolSize };
  if (raw.startsWith('esdb://') || raw.startsWith('esdb+discover://')) return { kind: 'esdb', connectionString: raw };
  return { kind: 'pglite', dataDir: raw.startsWith('pglite://') ? raw.slice('pglite://'.length) : raw };
};

const withDefault = <C extends t.Mixed>(codec: C, fallback: t.TypeOf<C> | t.OutputOf<C>) =>
  new t.Type<t.TypeOf<C>, t.OutputOf<C>, unknown>(
    codec.name,
    codec.is,
    (u, c) => codec.validate(u === undefined || u === '' ? fallback : u, c),
    codec.encode,
  );

const IntFromString = (name: string, min: number, max: number) =>
  new t.Type<number, string, unknown>(
    name,
    (u): u is number => typeof u === 'number',
    (u, c) => {
      const n = typeof u === 'number' ? u : typeof u === 'string' && /^\d+$/.test(u) ? Number(u) : NaN;
      return Number.isInteger(n) && n >= min && n <= max ? t.success(n) : t.failure(u, c, `must be a whole number from ${min} to ${max}; got ${JSON.stringify(u)}`);
    },
    String,
  );

const BoolFromString = new t.Type<boolean, string, unknown>(
  'boolean (true/false)',
  (u): u is boolean => typeof u === 'boolean',
  (u, c) => (u === 'true' || u === '1' || u === true ? t.success(true) : u === 'false' || u === '0' || u === false ? t.success(false) : t.failure(u, c, `must be true or false; got ${JSON.stringify(u)}`)),
  String,
);

/** A secret of at least 32 characters; the message never echoes the value. */
const OptionalSecret = new t.Type<string | undefined, string | undefined, unknown>(
  'secret (at least 32 characters)',
  (u): u is string | undefined => u === undefined || typeof u === 'string',
  (u, c) =>
    u === undefined || u === ''
      ? t.success(undefined)
      : typeof u === 'string' && u.length >= 32
        ? t.success(u)
        : t.failure('(hidden)', c, 'must be at least 32 characters long'),
  (a) => a,
);

const BodyLimit = t.refinement(t.string, (s) => /^\d+(b|kb|mb)$/i.test(s), 'size such as 100kb or 1mb');
const LogLevel = t.keyof({ fatal: null, error: null, warn: null, info: null, debug: null, trace: null, silent: null }, 'log level');

/**
 * Every environment variable the registry reads, in one codec. The README's table is written from
 * this list; `ENV_DOCS` below keeps the descriptions next to the decoder.
 */
export const EnvCodec = t.type({
  CCPOR_STORE: withDefault(t.string, './.ccpor-data'),
  CCPOR_PG_SCHEMA: withDefault(t.refinement(t.string, (s) => /^[a-z_][a-z0-9_]{0,62}$/.test(s), 'schema name'), 'ccpor'),
  CCPOR_PG_POOL_SIZE: withDefault(IntFromString('connections', 1, 1000), '20'),
  CCPOR_HOST: withDefault(t.string, '127.0.0.1'),
  CCPOR_PORT: withDefault(IntFromString('port', 0, 65535), '8080'),
  CCPOR_SESSION_SECRET: OptionalSecret,
  CCPOR_SESSION_TTL_MINUTES: withDefault(IntFromString('minutes', 1, 24 * 60), '480'),
  CCPOR_TLS: withDefault(BoolFromString, 'false'),
  CCPOR_BODY_LIMIT: withDefault(BodyLimit, '256kb'),
  CCPOR_LOG_LEVEL: withDefault(LogLevel, 'info'),
  CCPOR_BOOTSTRAP_ADMIN: withDefault(t.refinement(t.string, (s) => /^[a-z][a-z0-9._-]{2,63}$/.test(s), 'user name'), 'admin'),
  CCPOR_LOGIN_MAX_FAILURES: withDefault(IntFromString('count', 1, 100), '5'),
  CCPOR_LOCKOUT_MINUTES: withDefault(IntFromString('minutes', 1, 24 * 60), '15'),
  CCPOR_LOGIN_RATE_PER_MINUTE: withDefault(IntFromString('count', 1, 100000), '20'),
  CCPOR_SHUTDOWN_GRACE_MS: withDefault(IntFromString('milliseconds', 0, 600000), '10000'),
  CCPOR_WAIT_MAX_MS: withDefault(IntFromString('milliseconds', 0, 60000), '5000'),
  CCPOR_DEMO_SEED: withDefault(IntFromString('order count', 0, 10_000_000), '0'),
  CCPOR_ACCEPTANCE_TESTING: withDefault(BoolFromString, 'false'),
  ...TransportEnvCodec.props,
  ...CarposEnvCodec.props,
  ...ImageEnvCodec.props,
  ...ScanEnvCodec.props,
  ...WebEnvCodec.props,
  ...FormReadingEnvCodec.props,
  ...IntegrationEnvCodec.props,
  ...NotificationEnvCodec.props,
  ...ScaleEnvCodec.props,
});

export const ENV_DOCS: Record<keyof typeof EnvCodec.props, string> = {
  CCPOR_STORE: 'Event store: a directory for the embedded PGlite store (default `./.ccpor-data`), `postgres://…`, `esdb://…`, or `memory` (lost on exit).',
  CCPOR_PG_SCHEMA: 'PostgreSQL schema holding the log (default `ccpor`).',
  CCPOR_PG_POOL_SIZE: 'Most PostgreSQL connections the registry holds open (default 20). About twice the database server\'s cores is a common start; on the 2-core bench machine 4, 8 and 20 measured the same within run-to-run noise (app-http README, benchmark).',
  CCPOR_HOST: 'Address to listen on (default `127.0.0.1`).',
  CCPOR_PORT: 'Port to listen on (default `8080`; `0` picks a free one).',
  CCPOR_SESSION_SECRET: 'Key that signs session tokens, at least 32 characters. Unset: a random key per start (sessions end on restart).',
  CCPOR_SESSION_TTL_MINUTES: 'Session lifetime in minutes (default 480).',
  CCPOR_TLS: '`true` when clients reach the registry over HTTPS (a TLS proxy): session cookies always get `Secure` (default `false`). Behind a proxy, `CCPOR_TRUSTED_PROXIES` also makes them `Secure` for requests it forwarded from HTTPS; `CCPOR_TLS` no longer makes the registry believe forwarding headers.',
  CCPOR_BODY_LIMIT: 'Largest JSON request body (default `256kb`). A request declaring a larger `Content-Length` (or, for an image upload, more than `CCPOR_IMAGE_MAX_BYTES` and the form around it) is answered 413 before a byte of it is read, and its connection closed.',
  CCPOR_LOG_LEVEL: 'pino log level: fatal, error, warn, info (default), debug, trace, silent.',
  CCPOR_BOOTSTRAP_ADMIN: 'User name of the state administrator created on first start (default `admin`).',
  CCPOR_LOGIN_MAX_FAILURES: 'Failed logins in a row before an account is locked (default 5).',
  CCPOR_LOCKOUT_MINUTES: 'How long a locked account stays locked (default 15).',
  CCPOR_LOGIN_RATE_PER_MINUTE: 'Login attempts per client address per minute (default 20).',
  CCPOR_SHUTDOWN_GRACE_MS: 'On SIGTERM/SIGINT, how long to let requests in flight finish before closing (default 10000).',
  CCPOR_WAIT_MAX_MS: 'Longest a request may wait for the search view to catch up (`?wait=`; default 5000).',
  CCPOR_ACCEPTANCE_TESTING: '`true` in a court’s acceptance-testing environment (its CLETS link goes to the DOJ simulator): administrators may run the readiness page’s acceptance run, which enters a test order of each type. Never in production (default `false`; ADR 0058).',
  CCPOR_DEMO_SEED: '`serve` seeds this many synthetic demo orders when the store has no order yet (default 0; `npm start` uses 200).',
  ...TRANSPORT_ENV_DOCS,
  ...CARPOS_ENV_DOCS,
  ...IMAGE_ENV_DOCS,
  ...SCAN_ENV_DOCS,
  ...WEB_ENV_DOCS,
  ...FORM_READING_ENV_DOCS,
  ...INTEGRATION_ENV_DOCS,
  ...NOTIFICATION_ENV_DOCS,
  ...SCALE_ENV_DOCS,
};

export interface Config {
  readonly store: StoreConfig;
  readonly host: string;
  readonly port: number;
  /** Undefined: a random key is made at start. */
  readonly sessionSecret?: string;
  readonly sessionTtlMinutes: number;
  readonly tls: boolean;
  readonly bodyLimit: string;
  readonly logLevel: t.TypeOf<typeof LogLevel>;
  readonly bootstrapAdmin: string;
  readonly loginMaxFailures: number;
  readonly lockoutMinutes: number;
  readonly loginRatePerMinute: number;
  readonly shutdownGraceMs: number;
  readonly waitMaxMs: number;
  readonly demoSeed: number;
  /** The readiness page's acceptance run may enter test orders (a test environment only). */
  readonly acceptanceTesting: boolean;
  /** The CLETS link for the CARPOS gateway; undefined: `serve` runs no gateway. */
  readonly carpos?: CarposConfig;
  /** Where order images are kept and how large they may be. */
  readonly images: ImageConfig;
  /** The scan inbox `serve` watches; undefined: none. */
  readonly scans?: ScanInboxConfig;
  /** The built web application served at `/`. */
  readonly web: WebConfig;
  /** OCR engines and queue for reading forms (issue 20). */
  readonly formReading: FormReadingConfig;
  /** Trusted proxies and how long a client may take to send a request (ADR 0037). */
  readonly transport: TransportConfig;
  /** The integration feed and webhooks (and the secrets key the mail outbox shares). */
  readonly integrations: IntegrationConfig;
  /** Mail notifications; undefined: `serve` sends no mail (CCPOR_SMTP_URL unset). */
  readonly notifications?: NotificationConfig;
  /** Several processes on one PostgreSQL: idempotency retention, leadership, identity staleness, read replica (issue 18). Optional: absent means the defaults. */
  readonly scale?: ScaleConfig;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly { field: string; reason: string }[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.field}: ${p.reason}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Decodes the environment into a Config, or explains every bad variable. */
export const decodeConfig = (env: Readonly<Record<string, string | undefined>>): E.Either<ConfigError, Config> => {
  const input = Object.fromEntries(Object.keys(EnvCodec.props).map((k) => [k, env[k]]));
  const decoded = decodeWith(EnvCodec)(input);
  if (E.isLeft(decoded)) {
    const problems = (decoded.left.details?.problems as { field: string; reason: string }[] | undefined) ?? [{ field: '', reason: decoded.left.message }];
    return E.left(new ConfigError(problems));
  }
  const v = decoded.right;
  const carpos = carposConfigFrom(v);
  const scans = scanConfigFrom(v);
  if (carpos.problems.length > 0) return E.left(new ConfigError(carpos.problems));
  const integrations = integrationConfigFrom(v);
  if (integrations.config === undefined) return E.left(new ConfigError(integrations.problems));
  const notifications = notificationConfigFrom(v);
  if (notifications.problems.length > 0) return E.left(new ConfigError(notifications.problems));
  return E.right({
    store: storeFromString(v.CCPOR_STORE, v.CCPOR_PG_SCHEMA, v.CCPOR_PG_POOL_SIZE),
    host: v.CCPOR_HOST,
    port: v.CCPOR_PORT,
    ...(v.CCPOR_SESSION_SECRET !== undefined ? { sessionSecret: v.CCPOR_SESSION_SECRET } : {}),
    sessionTtlMinutes: v.CCPOR_SESSION_TTL_MINUTES,
    tls: v.CCPOR_TLS,
    bodyLimit: v.CCPOR_BODY_LIMIT,
    logLevel: v.CCPOR_LOG_LEVEL,
    bootstrapAdmin: v.CCPOR_BOOTSTRAP_ADMIN,
    loginMaxFailures: v.CCPOR_LOGIN_MAX_FAILURES,
    lockoutMinutes: v.CCPOR_LOCKOUT_MINUTES,
    loginRatePerMinute: v.CCPOR_LOGIN_RATE_PER_MINUTE,
    shutdownGraceMs: v.CCPOR_SHUTDOWN_GRACE_MS,
    waitMaxMs: v.CCPOR_WAIT_MAX_MS,
    demoSeed: v.CCPOR_DEMO_SEED,
    acceptanceTesting: v.CCPOR_ACCEPTANCE_TESTING,
    ...(carpos.config !== undefined ? { carpos: carpos.config } : {}),
    images: imageConfigFrom(v),
    ...(scans !== undefined ? { scans } : {}),
    web: webConfigFrom(v),
    formReading: formReadingConfigFrom(v),
    transport: transportConfigFrom(v),
    integrations: integrations.config,
    ...(notifications.config !== undefined ? { notifications: notifications.config } : {}),
    scale: scaleConfigFrom(v),
  });
};

export const loadConfig = (env: Readonly<Record<string, string | undefined>> = process.env): Config => {
  const c = decodeConfig(env);
  if (E.isLeft(c)) throw c.left;
  return c.right;
};
