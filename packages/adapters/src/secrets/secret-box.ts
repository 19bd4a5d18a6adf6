import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Encrypts the few secrets the registry must be able to read back (webhook signing secrets,
 * protected persons' e-mail addresses) with AES-256-GCM under one key from the configuration.
 * Stored form: `v1.<iv>.<tag>.<ciphertext>` (base64url); a tampered or foreign value fails to open.
 */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  /** From 32 bytes given as 64 hex digits or base64; undefined for anything else. */
  static fromText(text: string): SecretBox | undefined {
    const t = text.trim();
    const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
    return key.length === 32 ? new SecretBox(key) : undefined;
  }

  /** A key that lives as long as the process (the memory store, tests). */
  static ephemeral(): SecretBox {
    return new SecretBox(randomBytes(32));
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  open(sealed: string): string {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== 'v1' || iv === undefined || tag === undefined || body === undefined) throw new Error('not a sealed value');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }
}
