import { describe, expect, it } from 'vitest';
import { statusBadge } from './order-status';

describe('status badges', () => {
  it('say in words whether an order is in force, and a temporary order’s end at its hearing', () => {
    expect(statusBadge({ status: 'active', stage: 'after-hearing', expiresAt: '2029-03-03T07:59:59.999Z' })).toMatchObject({ label: 'Active', detail: 'in force until 03/02/2029; not yet served' });
    expect(statusBadge({ status: 'served', stage: 'temporary', hearingAt: '2026-03-20T16:00:00.000Z' })).toMatchObject({ label: 'Temporary', detail: 'in force until the hearing on 03/20/2026; served' });
    expect(statusBadge({ status: 'active', stage: 'after-hearing', expiresAt: null }).detail).toBe('does not expire; not yet served');
  });

  it('gives every status its own symbol, so colour is never the only signal', () => {
    const symbols = ['active', 'expired', 'canceled', 'draft'].map((status) => statusBadge({ status, stage: 'after-hearing' }).symbol);
    expect(new Set(symbols).size).toBe(4);
    expect(statusBadge({ status: 'active', stage: 'temporary' }).symbol).not.toBe(statusBadge({ status: 'active', stage: 'after-hearing' }).symbol);
  });
});
