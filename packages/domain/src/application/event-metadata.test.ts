import { describe, expect, it } from '@jest/globals';
import type { Actor } from '../ports/event-store';
import type { IdGenerator } from '../ports/id-generator';
import { correlate, eventMetadata, toNewEvents } from './event-metadata';

const actor: Actor = { userId: 'u1', agencyOri: 'CA0000000', roles: ['clerk'], kind: 'user' };
const counting = (): IdGenerator => {
  let n = 0;
  return { newId: () => `id-${++n}` };
};

describe('correlate', () => {
  it("keeps the caller's correlation id without drawing a new one", () => {
    const ids = counting();
    expect(correlate({ actor, correlationId: 'req-7' }, ids).correlationId).toBe('req-7');
    expect(ids.newId()).toBe('id-1');
  });

  it('starts a new act with a new id', () => {
    expect(correlate({ actor }, counting()).correlationId).toBe('id-1');
  });
});

describe('eventMetadata', () => {
  it('stores only the fields the context has, in the order every writer stores them', () => {
    const m = eventMetadata(correlate({ actor }, counting()), counting(), '2026-12-03T16:00:00.000Z');
    expect(Object.keys(m)).toEqual(['eventId', 'actor', 'correlationId', 'recordedAt']);
    const full = eventMetadata({ actor, correlationId: 'c', causationId: 'k', extra: { source: 'niem-import' } }, counting(), '2026-12-03T16:00:00.000Z');
    expect(full).toEqual({ eventId: 'id-1', actor, correlationId: 'c', causationId: 'k', recordedAt: '2026-12-03T16:00:00.000Z', extra: { source: 'niem-import' } });
    expect(Object.keys(full)).toEqual(['eventId', 'actor', 'correlationId', 'causationId', 'recordedAt', 'extra']);
  });
});

describe('toNewEvents', () => {
  it('gives each event its own id and all of them the act, the actor and the time', () => {
    const ids = counting();
    const ctx = correlate({ actor }, ids);
    const events = toNewEvents(
      [
        { type: 'A', schemaVersion: 1, data: { x: 1 } },
        { type: 'B', schemaVersion: 2, data: null },
      ],
      ctx,
      ids,
      '2026-12-03T16:00:00.000Z',
    );
    expect(events).toEqual([
      { type: 'A', schemaVersion: 1, data: { x: 1 }, metadata: { eventId: 'id-2', actor, correlationId: 'id-1', recordedAt: '2026-12-03T16:00:00.000Z' } },
      { type: 'B', schemaVersion: 2, data: null, metadata: { eventId: 'id-3', actor, correlationId: 'id-1', recordedAt: '2026-12-03T16:00:00.000Z' } },
    ]);
  });
});
