import * as t from 'io-ts';
import { optionalWhole } from '../config/optional-whole';

/**
 * The CLETS link's environment variables, decoded with the rest of the configuration
 * (config/config.ts spreads these into its one codec). Unset CCPOR_CLETS_HOST: no gateway runs.
 */
const OptionalText = t.union([t.string, t.undefined]);

const OptionalPort = new t.Type<number | undefined, string | undefined, unknown>(
  'port (1–65535)',
  (u): u is number | undefined => u === undefined || typeof u === 'number',
  (u, c) => {
    if (u === undefined || u === '') return t.success(undefined);
    const n = typeof u === 'string' && /^\d+$/.test(u) ? Number(u) : NaN;
    return Number.isInteger(n) && n >= 1 && n <= 65_535 ? t.success(n) : t.failure(u, c, `must be a TCP port from 1 to 65535; got ${JSON.stringify(u)}`);
  },
  (a) => (a === undefined ? undefined : String(a)),
);

const OptionalMs = optionalWhole('milliseconds', 1, 3_600_000);

/** A time of day, HH:MM (24-hour, California): when the daily reconciliation starts. */
const OptionalTimeOfDay = new t.Type<string | undefined, string | undefined, unknown>(
  'time of day (HH:MM)',
  (u): u is string | undefined => u === undefined || typeof u === 'string',
  (u, c) => {
    if (u === undefined || u === '') return t.success(undefined);
    return typeof u === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(u) ? t.success(u) : t.failure(u, c, `must be a time of day HH:MM (24-hour, California); got ${JSON.stringify(u)}`);
  },
  (a) => a,
);

export const CarposEnvCodec = t.type({
  CCPOR_CLETS_HOST: OptionalText,
  CCPOR_CLETS_PORT: OptionalPort,
  CCPOR_CLETS_TLS_CA: OptionalText,
  CCPOR_CLETS_TLS_CERT: OptionalText,
  CCPOR_CLETS_TLS_KEY: OptionalText,
  CCPOR_CLETS_TLS_SERVERNAME: OptionalText,
  CCPOR_CLETS_HEARTBEAT_MS: OptionalMs,
  CCPOR_CLETS_HEARTBEAT_TIMEOUT_MS: OptionalMs,
  CCPOR_CLETS_CONNECT_TIMEOUT_MS: OptionalMs,
  CCPOR_CLETS_RECONNECT_MIN_MS: OptionalMs,
  CCPOR_CLETS_RECONNECT_MAX_MS: OptionalMs,
  CCPOR_CLETS_SEND_TIMEOUT_MS: OptionalMs,
  CCPOR_CLETS_MAX_QUEUED_FRAMES: optionalWhole('frames', 1, 100_000),
  CCPOR_CARPOS_RESPONSE_TIMEOUT_MS: OptionalMs,
  CCPOR_CARPOS_QUERY_TIMEOUT_MS: OptionalMs,
  CCPOR_CARPOS_RECONCILE_RATE: optionalWhole('pages a second', 1, 1_000),
  CCPOR_CARPOS_RECONCILE_PAGE_SIZE: optionalWhole('records a page', 1, 999),
  CCPOR_CARPOS_RECONCILE_AT: OptionalTimeOfDay,
});

export const CARPOS_ENV_DOCS: Record<keyof typeof CarposEnvCodec.props, string> = {
  CCPOR_CLETS_HOST: 'CLETS switch (or DOJ simulator) host. Set it to run the CARPOS gateway inside `serve`; unset, no order is sent to DOJ.',
  CCPOR_CLETS_PORT: 'CLETS switch TCP port (required with `CCPOR_CLETS_HOST`).',
  CCPOR_CLETS_TLS_CA: 'CA bundle (PEM file) that signed the switch’s certificate. Any `CCPOR_CLETS_TLS_*` turns TLS on.',
  CCPOR_CLETS_TLS_CERT: 'The registry’s client certificate (PEM file) for mutual TLS; goes with `CCPOR_CLETS_TLS_KEY`.',
  CCPOR_CLETS_TLS_KEY: 'Private key (PEM file) of the client certificate.',
  CCPOR_CLETS_TLS_SERVERNAME: 'Name to check the switch’s certificate against, when it differs from the host.',
  CCPOR_CLETS_HEARTBEAT_MS: 'Idle time before the link probes DOJ (a query no record matches) and turns on TCP keep-alive (default 30000).',
  CCPOR_CLETS_HEARTBEAT_TIMEOUT_MS: 'No answer this long after the probe: the connection is dropped and replaced (default 10000).',
  CCPOR_CLETS_CONNECT_TIMEOUT_MS: 'Longest one connection attempt to the switch may take (default 5000).',
  CCPOR_CLETS_RECONNECT_MIN_MS: 'First wait before reconnecting; it doubles, with jitter, on each failure (default 250).',
  CCPOR_CLETS_RECONNECT_MAX_MS: 'Longest wait between reconnection attempts (default 30000).',
  CCPOR_CLETS_SEND_TIMEOUT_MS: 'How long a send waits for the link to come up before the message is retried later (default 5000).',
  CCPOR_CLETS_MAX_QUEUED_FRAMES: 'Frames accepted but not yet written to the socket; more senders wait (backpressure; default 256).',
  CCPOR_CARPOS_RESPONSE_TIMEOUT_MS: 'How long the gateway waits for DOJ’s answer before sending a message again under the same id (default 10000; 8 attempts, then dead letter).',
  CCPOR_CARPOS_QUERY_TIMEOUT_MS: 'How long a CARPOS query waits for a whole page of DOJ’s answer before asking again under a new id (default 10000; 3 attempts, then 504).',
  CCPOR_CARPOS_RECONCILE_RATE: 'Most DOJ listing pages a reconciliation asks for a second (default 2); with the page size it bounds the records read a second.',
  CCPOR_CARPOS_RECONCILE_PAGE_SIZE: 'Records a reconciliation asks DOJ for per page (default 100; DOJ may send fewer).',
  CCPOR_CARPOS_RECONCILE_AT: 'Time of day (HH:MM, California) at which `serve` reconciles the whole state with DOJ every day (unset: only on demand).',
};

/** What `serve` needs to open the CLETS link; undefined when the gateway is off. */
export interface CarposConfig {
  readonly host: string;
  readonly port: number;
  readonly tls?: { readonly caFile?: string; readonly certFile?: string; readonly keyFile?: string; readonly servername?: string };
  readonly heartbeatIntervalMs?: number;
  readonly heartbeatTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
  readonly reconnect?: { readonly initialMs: number; readonly maxMs: number };
  readonly sendTimeoutMs?: number;
  readonly maxQueuedFrames?: number;
  readonly responseTimeoutMs?: number;
  /** A query page unanswered this long is asked for again (ADR 0012). */
  readonly queryTimeoutMs?: number;
  /** Set when any CCPOR_CARPOS_RECONCILE_* variable is; the defaults are `defaultReconciliationConfig`. */
  readonly reconciliation?: Partial<ReconciliationConfig>;
}

/** How reconciliations run (ADR 0013). */
export interface ReconciliationConfig {
  /** DOJ listing pages a second, at most. */
  readonly ratePerSecond: number;
  readonly pageSize: number;
  /** HH:MM, California: the daily state run; undefined: on demand only. */
  readonly dailyAt?: string;
}

export const defaultReconciliationConfig: ReconciliationConfig = { ratePerSecond: 2, pageSize: 100 };

export type CarposEnv = t.TypeOf<typeof CarposEnvCodec>;

/** The gateway's settings from the decoded variables, or the problems that stop the start. */
export const carposConfigFrom = (v: CarposEnv): { readonly config?: CarposConfig; readonly problems: readonly { field: string; reason: string }[] } => {
  const host = v.CCPOR_CLETS_HOST?.trim();
  if (host === undefined || host === '') return { problems: [] };
  if (v.CCPOR_CLETS_PORT === undefined) return { problems: [{ field: 'CCPOR_CLETS_PORT', reason: 'is required when CCPOR_CLETS_HOST is set' }] };
  const given = (s: string | undefined): s is string => s !== undefined && s !== '';
  const minWait = v.CCPOR_CLETS_RECONNECT_MIN_MS ?? 250;
  const maxWait = v.CCPOR_CLETS_RECONNECT_MAX_MS ?? 30_000;
  if (minWait > maxWait) return { problems: [{ field: 'CCPOR_CLETS_RECONNECT_MAX_MS', reason: 'must not be below CCPOR_CLETS_RECONNECT_MIN_MS' }] };
  if (given(v.CCPOR_CLETS_TLS_CERT) !== given(v.CCPOR_CLETS_TLS_KEY)) {
    return { problems: [{ field: given(v.CCPOR_CLETS_TLS_CERT) ? 'CCPOR_CLETS_TLS_KEY' : 'CCPOR_CLETS_TLS_CERT', reason: 'CCPOR_CLETS_TLS_CERT and CCPOR_CLETS_TLS_KEY go together' }] };
  }
  const tls = {
    ...(given(v.CCPOR_CLETS_TLS_CA) ? { caFile: v.CCPOR_CLETS_TLS_CA } : {}),
    ...(given(v.CCPOR_CLETS_TLS_CERT) ? { certFile: v.CCPOR_CLETS_TLS_CERT } : {}),
    ...(given(v.CCPOR_CLETS_TLS_KEY) ? { keyFile: v.CCPOR_CLETS_TLS_KEY } : {}),
    ...(given(v.CCPOR_CLETS_TLS_SERVERNAME) ? { servername: v.CCPOR_CLETS_TLS_SERVERNAME } : {}),
  };
  return {
    config: {
      host,
      port: v.CCPOR_CLETS_PORT,
      ...(Object.keys(tls).length > 0 ? { tls } : {}),
      ...(v.CCPOR_CLETS_HEARTBEAT_MS !== undefined ? { heartbeatIntervalMs: v.CCPOR_CLETS_HEARTBEAT_MS } : {}),
      ...(v.CCPOR_CLETS_HEARTBEAT_TIMEOUT_MS !== undefined ? { heartbeatTimeoutMs: v.CCPOR_CLETS_HEARTBEAT_TIMEOUT_MS } : {}),
      ...(v.CCPOR_CLETS_CONNECT_TIMEOUT_MS !== undefined ? { connectTimeoutMs: v.CCPOR_CLETS_CONNECT_TIMEOUT_MS } : {}),
      ...(v.CCPOR_CLETS_RECONNECT_MIN_MS !== undefined || v.CCPOR_CLETS_RECONNECT_MAX_MS !== undefined ? { reconnect: { initialMs: minWait, maxMs: maxWait } } : {}),
      ...(v.CCPOR_CLETS_SEND_TIMEOUT_MS !== undefined ? { sendTimeoutMs: v.CCPOR_CLETS_SEND_TIMEOUT_MS } : {}),
      ...(v.CCPOR_CLETS_MAX_QUEUED_FRAMES !== undefined ? { maxQueuedFrames: v.CCPOR_CLETS_MAX_QUEUED_FRAMES } : {}),
      ...(v.CCPOR_CARPOS_RESPONSE_TIMEOUT_MS !== undefined ? { responseTimeoutMs: v.CCPOR_CARPOS_RESPONSE_TIMEOUT_MS } : {}),
      ...(v.CCPOR_CARPOS_QUERY_TIMEOUT_MS !== undefined ? { queryTimeoutMs: v.CCPOR_CARPOS_QUERY_TIMEOUT_MS } : {}),
      ...(v.CCPOR_CARPOS_RECONCILE_RATE !== undefined || v.CCPOR_CARPOS_RECONCILE_PAGE_SIZE !== undefined || v.CCPOR_CARPOS_RECONCILE_AT !== undefined
        ? {
            reconciliation: {
              ...(v.CCPOR_CARPOS_RECONCILE_RATE !== undefined ? { ratePerSecond: v.CCPOR_CARPOS_RECONCILE_RATE } : {}),
              ...(v.CCPOR_CARPOS_RECONCILE_PAGE_SIZE !== undefined ? { pageSize: v.CCPOR_CARPOS_RECONCILE_PAGE_SIZE } : {}),
              ...(v.CCPOR_CARPOS_RECONCILE_AT !== undefined ? { dailyAt: v.CCPOR_CARPOS_RECONCILE_AT } : {}),
            },
          }
        : {}),
    },
    problems: [],
  };
};
