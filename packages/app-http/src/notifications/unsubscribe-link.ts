import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The unsubscribe link's signature: HMAC-SHA256 over the contact id under a key derived from the
 * registry's secrets key, so only the registry can make a link, a link unsubscribes only its own
 * contact, and no sign-in is needed (a protected person has no account).
 */
export class UnsubscribeLinks {
  private readonly key: Buffer;

  constructor(
    secretsKey: string,
    private readonly publicUrl: string,
  ) {
    this.key = createHmac('sha256', secretsKey).update('ccpor unsubscribe links v1').digest();
  }

  private sign(contactId: string): string {
    return createHmac('sha256', this.key).update(contactId).digest('base64url');
  }

  url(contactId: string): string {
    return `${this.publicUrl}/api/v1/notifications/unsubscribe?c=${encodeURIComponent(contactId)}&s=${this.sign(contactId)}`;
  }

  verify(contactId: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(contactId));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
