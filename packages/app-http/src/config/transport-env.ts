import { isIP } from 'node:net';
import * as t from 'io-ts';
import { optionalWhole } from './optional-whole';

/** express's names for address ranges (proxy-addr): loopback, link-local and unique-local addresses. */
const PRESETS = new Set(['loopback', 'linklocal', 'uniquelocal']);

const isProxyEntry = (entry: string): boolean => {
  if (PRESETS.has(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  if (address === undefined || rest.length > 0) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (bits === undefined) return true;
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
};

/** A comma-separated list of proxy addresses, CIDR ranges or express's range names. */
const TrustedProxies = new t.Type<readonly string[], string, unknown>(
  'addresses, CIDR ranges or loopback/linklocal/uniquelocal, separated by commas',
  (u): u is readonly string[] => Array.isArray(u),
  (u, c) => {
    if (u === undefined || u === '') return t.success([]);
    if (typeof u !== 'string') return t.failure(u, c);
    const entries = u.split(',').map((e) => e.trim()).filter((e) => e !== '');
    const bad = entries.find((e) => !isProxyEntry(e));
    return bad === undefined ? t.success(entries) : t.failure(u, c, `"${bad}" is not an address, a CIDR range or one of loopback, linklocal, uniquelocal`);
  },
  (a) => a.join(','),
);

/**
 * How the registry meets its clients on the wire (ADR 0037): whose forwarding headers it
 * believes, and how long a client may take to send a request.
 */
export const TransportEnvCodec = t.type({
  CCPOR_TRUSTED_PROXIES: TrustedProxies,
  CCPOR_BODY_TIMEOUT_MS: optionalWhole('milliseconds', 100, 600_000),
  CCPOR_REQUEST_TIMEOUT_MS: optionalWhole('milliseconds', 1_000, 3_600_000),
});

export const TRANSPORT_ENV_DOCS: Record<keyof typeof TransportEnvCodec.props, string> = {
  CCPOR_TRUSTED_PROXIES:
    'Reverse proxies whose `X-Forwarded-For` and `X-Forwarded-Proto` the registry believes: addresses or CIDR ranges, or `loopback`, `linklocal`, `uniquelocal`, separated by commas (default: none). A request that came through one over HTTPS gets a `Secure` session cookie, and the login rate limit counts the client behind it. Headers from any other peer are ignored.',
  CCPOR_BODY_TIMEOUT_MS: 'Longest a client may take to send a JSON request body once its headers are in (default 10000); slower ones are answered 408 and disconnected.',
  CCPOR_REQUEST_TIMEOUT_MS:
    'Longest a client may take to send a whole request, an image upload included (default 120000; headers alone get at most 20 seconds). Node closes the connection of a client that is slower.',
};

export interface TransportConfig {
  readonly trustedProxies: readonly string[];
  readonly bodyTimeoutMs: number;
  readonly requestTimeoutMs: number;
  /** Time to receive the headers: at most 20 s, never more than the whole request. */
  readonly headersTimeoutMs: number;
}

export const transportConfigFrom = (v: t.TypeOf<typeof TransportEnvCodec>): TransportConfig => {
  const requestTimeoutMs = v.CCPOR_REQUEST_TIMEOUT_MS ?? 120_000;
  return {
    trustedProxies: v.CCPOR_TRUSTED_PROXIES,
    bodyTimeoutMs: v.CCPOR_BODY_TIMEOUT_MS ?? 10_000,
    requestTimeoutMs,
    headersTimeoutMs: Math.min(20_000, requestTimeoutMs),
  };
};
