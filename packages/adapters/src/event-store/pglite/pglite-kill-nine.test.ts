import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { firstBrokenLink } from '@ccpor/test-kit';
import { killMidBurst } from '../crash-test/kill-mid-burst';
import { PgliteEventStore } from './pglite-event-store';

describe('PGlite survives kill -9 of the writing process', () => {
  let dir: string | undefined;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged event, with an intact hash chain', async () => {
    dir = await mkdtemp(join(tmpdir(), 'ccpor-pglite-kill-'));
    const dataDir = join(dir, 'data');
    const report = await killMidBurst(['pglite', dataDir], 300, 90_000);
    expect(report.signal).toBe('SIGKILL');
    expect(report.acknowledged.length).toBeGreaterThanOrEqual(300);

    // Reopening runs PostgreSQL's crash recovery on the data directory.
    const store = await PgliteEventStore.open({ dataDir });
    try {
      const streams = [...new Set(report.acknowledged.map((a) => a.streamId))];
      for (const streamId of streams) {
        const events = await store.readStream(streamId);
        const byVersion = new Map(events.map((e) => [e.streamVersion, e.metadata.eventId]));
        for (const ack of report.acknowledged.filter((a) => a.streamId === streamId)) {
          expect(byVersion.get(ack.version)).toBe(ack.eventId);
        }
        expect(events.map((e) => e.streamVersion)).toEqual(events.map((_, i) => i + 1));
        expect(firstBrokenLink(events)).toBeNull();
      }
    } finally {
      await store.close();
    }
  }, 150_000);
});
