import { randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API keys look like `ccpor_<keyId>_<secret>`. Only sha256(secret) is stored: the secret has 256
 * bits of entropy, so a fast hash is enough (no dictionary to guess from), and checking a key on
 * every request stays cheap.
 */
export const newApiKeySecret = () => randomBytes(32).toString('base64url');
export const formatApiKey = (keyId: string, secret: string) => `ccpor_${keyId}_${secret}`;

export const parseApiKey = (token: string): { keyId: string; secret: string } | undefined => {
  const m = /^ccpor_([0-9a-f-]{36})_([A-Za-z0-9_-]{43})$/.exec(token);
  return m ? { keyId: m[1]!, secret: m[2]! } : undefined;
};

export const sameHex = (a: string, b: string): boolean => {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
};
