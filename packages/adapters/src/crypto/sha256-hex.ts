import { createHash } from 'node:crypto';

/**
 * sha256 of a text's UTF-8 bytes, as lower-case hex: the event hash chain, API-key secrets,
 * request bodies and S3 signatures all hash text this way. Hashing a stream or a file's bytes
 * keeps its own Hash object.
 */
export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
