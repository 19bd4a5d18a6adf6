import { describe, expect, it } from '@jest/globals';
import { eventHashBody } from '@ccpor/domain';
import { makeEvent } from '@ccpor/test-kit';
import { hashBodyTemplate } from './hash-body-template';

describe('hash body template', () => {
  it('splices any version into exactly the body eventHashBody renders', () => {
    // Data that itself holds a streamVersion key and the marker text must not confuse the split.
    const event = makeEvent('Order"Issued', { streamVersion: 1, note: '"streamVersion":1,"type":"x"}', nested: { type: 'y' } });
    const template = hashBodyTemplate({ streamId: 'order-1', ...event });
    for (const version of [1, 9, 10, 12345, 2_147_483_647]) {
      expect(`${template.prefix}${version}${template.suffix}`).toBe(eventHashBody({ streamId: 'order-1', streamVersion: version, ...event }));
    }
  });
});
