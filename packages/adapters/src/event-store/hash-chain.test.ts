import { describe, expect, it } from '@jest/globals';
import { eventHashBody, GENESIS_HASH, type NewEvent } from '@ccpor/domain';
import { chainEvents, eventHash, linkHash } from './hash-chain';

const metadata: NewEvent['metadata'] = {
  eventId: 'e1',
  actor: { userId: 'u', agencyOri: 'CA0000000', roles: ['clerk'], kind: 'user' },
  correlationId: 'c1',
  recordedAt: '2026-01-01T00:00:00.000Z',
};
const event: NewEvent = { type: 'T.Happened', schemaVersion: 1, data: { b: 2, a: '\u00e9' }, metadata };

describe('the hash chain', () => {
  it('hashes the previous hash, a newline and the canonical body as UTF-8 (a value every stored chain depends on)', () => {
    // Pinned with sha256sum over the text "<64 zeros>\n<eventHashBody>": changing it breaks every stored chain.
    expect(eventHash(GENESIS_HASH, { ...event, streamId: 'order-1', streamVersion: 1 })).toBe('a6da5fccb820cebddd25e5288c7997afcf21621abb1dc318c4925f3acc15ca72');
  });

  it('gives the same link from the body as from the event, which the SQL stores splice together', () => {
    const placed = { ...event, streamId: 'order-1', streamVersion: 7 };
    expect(linkHash('ab'.repeat(32), eventHashBody(placed))).toBe(eventHash('ab'.repeat(32), placed));
  });

  it('links each event of an append onto the one before, from the stream tail on', () => {
    const tail = 'cd'.repeat(32);
    const chained = chainEvents('order-1', 4, tail, [event, { ...event, metadata: { ...metadata, eventId: 'e2' } }]);
    expect(chained.map((c) => c.streamVersion)).toEqual([5, 6]);
    expect(chained[0]!.metadata.previousHash).toBe(tail);
    expect(chained[0]!.metadata.hash).toBe(eventHash(tail, { ...event, streamId: 'order-1', streamVersion: 5 }));
    expect(chained[1]!.metadata.previousHash).toBe(chained[0]!.metadata.hash);
    expect(chained[1]!.metadata.hash).toBe(eventHash(chained[0]!.metadata.hash, { ...event, metadata: chained[1]!.event.metadata, streamId: 'order-1', streamVersion: 6 }));
    expect(chained[1]!.metadata).toMatchObject({ eventId: 'e2', correlationId: 'c1' });
  });
});
