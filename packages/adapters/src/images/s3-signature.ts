import { createHmac } from 'node:crypto';
import { sha256Hex } from '../crypto/sha256-hex';

export interface S3Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly region: string;
}

const hmac = (key: Buffer | string, text: string): Buffer => createHmac('sha256', key).update(text, 'utf8').digest();

/** RFC 3986 encoding, as AWS Signature Version 4 wants it for each path segment. */
const encodeSegment = (s: string): string => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** A path with every segment encoded (the slashes kept). */
export const encodePath = (path: string): string => path.split('/').map(encodeSegment).join('/');

/**
 * Signs a request with AWS Signature Version 4 (the S3 dialect: path-style, the payload's SHA-256
 * in `x-amz-content-sha256`). Returns the headers to send: the given ones plus `x-amz-date`,
 * `x-amz-content-sha256` and `authorization`. Every S3-compatible store (MinIO, Ceph RGW,
 * SeaweedFS, the cloud ones) accepts it.
 */
export const signS3Request = (
  request: { readonly method: string; readonly host: string; readonly path: string; readonly headers: Readonly<Record<string, string>>; readonly payloadSha256: string },
  credentials: S3Credentials,
  now: Date,
): Record<string, string> => {
  const amzDate = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = { ...request.headers, host: request.host, 'x-amz-date': amzDate, 'x-amz-content-sha256': request.payloadSha256 };
  const names = Object.keys(headers)
    .map((h) => h.toLowerCase())
    .sort();
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v.trim().replace(/\s+/g, ' ')]));
  const signedHeaders = names.join(';');
  const canonical = [request.method, encodePath(request.path), '', names.map((n) => `${n}:${lower[n]}\n`).join(''), signedHeaders, request.payloadSha256].join('\n');
  const scope = `${day}/${credentials.region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, day), credentials.region), 's3'), 'aws4_request');
  const signature = createHmac('sha256', key).update(toSign, 'utf8').digest('hex');
  const { host: _host, ...rest } = headers;
  return { ...rest, authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}` };
};

export const EMPTY_SHA256 = sha256Hex('');
