import { describe, expect, it } from 'vitest';
import type { OrderRead } from '../api/types';
import { nextStepWords } from './next-step';

const read = (order: Record<string, unknown>, computed: Record<string, unknown> = {}): OrderRead =>
  ({ orderId: 'o', version: 1, redacted: [], computed: { status: 'active', missingForDoj: [], pendingDeadlines: [], ...computed }, order: { status: 'issued', doj: {}, ...order } }) as unknown as OrderRead;
const due = { kind: 'doj-transmission', what: 'Enter the order in CARPOS', dueAt: '2026-03-03T17:00:00-08:00' };

describe('what happens next', () => {
  it('a draft awaits data; an order missing DOJ fields awaits data; a complete one is queued, then acknowledged', () => {
    expect(nextStepWords(read({ status: 'draft' }, { missingForDoj: [{ field: 'x', label: 'X' }] }))).toMatch(/^Draft: awaiting data\. 1 field/);
    expect(nextStepWords(read({}, { missingForDoj: [{ field: 'petitioner', label: 'Petitioner’s name' }], pendingDeadlines: [due] }))).toMatch(/^Awaiting data before it can go to DOJ: petitioner’s name\. Due at DOJ by/);
    expect(nextStepWords(read({}, { pendingDeadlines: [due] }))).toMatch(/^Queued for DOJ: enter the order in CARPOS, due by/);
    expect(nextStepWords(read({ doj: { lastAcknowledged: { at: '2026-03-03T10:00:00Z' } } }))).toMatch(/^Acknowledged by DOJ/);
    expect(nextStepWords(read({ doj: { lastAcknowledged: { at: '2026-03-03T10:00:00Z' }, lastRejection: { at: '2026-03-04T10:00:00Z' } } }))).toMatch(/^Rejected by DOJ/);
  });
});
