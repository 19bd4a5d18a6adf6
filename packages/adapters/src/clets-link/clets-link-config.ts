import { type BackoffPolicy } from './exponential-backoff';

/** Client-side TLS: file paths, read when the link connects (so a renewed certificate is picked up on reconnect). */
export interface CletsTlsConfig {
  /** CA bundle that signed DOJ's (or the CLETS switch's) server certificate. */
  readonly caFile?: string;
  /** The agency's client certificate and key, when the switch asks for mutual TLS. */
  readonly certFile?: string;
  readonly keyFile?: string;
  /** Name to check the server certificate against, when it differs from `host`. */
  readonly servername?: string;
}

export interface CletsLinkConfig {
  readonly host: string;
  readonly port: number;
  /** Omit for plain TCP (a test switch, or a link already inside a VPN tunnel). */
  readonly tls?: CletsTlsConfig;
  /** Give up on one connection attempt after this long. Default 5,000 ms. */
  readonly connectTimeoutMs: number;
  /** Waits between reconnection attempts. Default 250 ms doubling to 30,000 ms, with jitter. */
  readonly reconnect: BackoffPolicy;
  /**
   * Idle probe: after this long without any inbound byte the link sends `heartbeatText` (when
   * given) and enables TCP keep-alive probes; if still nothing arrives within
   * `heartbeatTimeoutMs` the connection is taken as dead and replaced. Default 30,000 ms.
   */
  readonly heartbeatIntervalMs: number;
  /** Default 10,000 ms. */
  readonly heartbeatTimeoutMs: number;
  /**
   * A message text DOJ answers, sent as the idle probe (the dictionary defines no heartbeat
   * message, so the gateway uses a query that cannot match a record). Its frame ids start with
   * `HB`, which no outbox message id does. Omit to rely on TCP keep-alive alone.
   */
  readonly heartbeatText?: string;
  /** A send waits this long for the link to be up before failing. Default 5,000 ms. */
  readonly sendTimeoutMs: number;
  /**
   * Frames accepted by `send` but not yet handed to the kernel (waiting for the connection or
   * for the socket's buffer to drain). A caller beyond it waits: that is the backpressure.
   * Default 256.
   */
  readonly maxQueuedFrames: number;
}

export const defaultCletsLinkConfig = {
  connectTimeoutMs: 5_000,
  reconnect: { initialMs: 250, maxMs: 30_000 },
  heartbeatIntervalMs: 30_000,
  heartbeatTimeoutMs: 10_000,
  sendTimeoutMs: 5_000,
  maxQueuedFrames: 256,
} as const;

export type CletsLinkSettings = Pick<CletsLinkConfig, 'host' | 'port'> & Partial<Omit<CletsLinkConfig, 'host' | 'port'>>;

export const cletsLinkConfig = (settings: CletsLinkSettings): CletsLinkConfig => ({ ...defaultCletsLinkConfig, ...settings });

const positiveInt = (env: NodeJS.ProcessEnv, name: string, fallback: number): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number, got ${JSON.stringify(raw)}`);
  return n;
};

/**
 * The link's settings from the environment (documented in the adapters README):
 * CCPOR_CLETS_HOST, CCPOR_CLETS_PORT (required); CCPOR_CLETS_TLS_CA, CCPOR_CLETS_TLS_CERT,
 * CCPOR_CLETS_TLS_KEY, CCPOR_CLETS_TLS_SERVERNAME (any one turns TLS on);
 * CCPOR_CLETS_CONNECT_TIMEOUT_MS, CCPOR_CLETS_RECONNECT_MIN_MS, CCPOR_CLETS_RECONNECT_MAX_MS,
 * CCPOR_CLETS_HEARTBEAT_MS, CCPOR_CLETS_HEARTBEAT_TIMEOUT_MS, CCPOR_CLETS_SEND_TIMEOUT_MS,
 * CCPOR_CLETS_MAX_QUEUED_FRAMES.
 */
export const cletsLinkConfigFromEnv = (env: NodeJS.ProcessEnv = process.env): CletsLinkConfig => {
  const host = env.CCPOR_CLETS_HOST;
  if (host === undefined || host === '') throw new Error('CCPOR_CLETS_HOST is required');
  const port = positiveInt(env, 'CCPOR_CLETS_PORT', 0);
  if (port === 0 || port > 65_535) throw new Error('CCPOR_CLETS_PORT must be a TCP port');
  const tlsEntries = {
    caFile: env.CCPOR_CLETS_TLS_CA,
    certFile: env.CCPOR_CLETS_TLS_CERT,
    keyFile: env.CCPOR_CLETS_TLS_KEY,
    servername: env.CCPOR_CLETS_TLS_SERVERNAME,
  };
  const tls = Object.fromEntries(Object.entries(tlsEntries).filter(([, v]) => v !== undefined && v !== '')) as CletsTlsConfig;
  if ((tls.certFile === undefined) !== (tls.keyFile === undefined)) throw new Error('CCPOR_CLETS_TLS_CERT and CCPOR_CLETS_TLS_KEY go together');
  const d = defaultCletsLinkConfig;
  return {
    host,
    port,
    ...(Object.keys(tls).length > 0 ? { tls } : {}),
    connectTimeoutMs: positiveInt(env, 'CCPOR_CLETS_CONNECT_TIMEOUT_MS', d.connectTimeoutMs),
    reconnect: {
      initialMs: positiveInt(env, 'CCPOR_CLETS_RECONNECT_MIN_MS', d.reconnect.initialMs),
      maxMs: positiveInt(env, 'CCPOR_CLETS_RECONNECT_MAX_MS', d.reconnect.maxMs),
    },
    heartbeatIntervalMs: positiveInt(env, 'CCPOR_CLETS_HEARTBEAT_MS', d.heartbeatIntervalMs),
    heartbeatTimeoutMs: positiveInt(env, 'CCPOR_CLETS_HEARTBEAT_TIMEOUT_MS', d.heartbeatTimeoutMs),
    sendTimeoutMs: positiveInt(env, 'CCPOR_CLETS_SEND_TIMEOUT_MS', d.sendTimeoutMs),
    maxQueuedFrames: positiveInt(env, 'CCPOR_CLETS_MAX_QUEUED_FRAMES', d.maxQueuedFrames),
  };
};
