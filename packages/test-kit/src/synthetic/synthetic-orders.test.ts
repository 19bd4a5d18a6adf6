import { describe, expect, it } from '@jest/globals';
import * as E from 'fp-ts/Either';
import { fold, lettersOnly, OrderDetails, type OrderEvent } from '@ccpor/domain';
import { Prng } from './prng';
import { syntheticHistory } from './synthetic-history';
import { SyntheticOrders } from './synthetic-orders';
import { typo, TYPO_KINDS } from './typos';

const levenshtein = (a: string, b: string): number => {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
};

describe('Prng', () => {
  it('is reproducible from its seed and differs between seeds', () => {
    const a = new Prng(42);
    const b = new Prng(42);
    const c = new Prng('42');
    const draws = (p: Prng) => Array.from({ length: 5 }, () => p.nextUint32());
    const first = draws(a);
    expect(draws(b)).toEqual(first);
    expect(draws(c)).not.toEqual(first);
  });

  it('spreads draws evenly', () => {
    const p = new Prng(7);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) buckets[p.int(10)]! += 1;
    for (const n of buckets) expect(Math.abs(n - 10_000)).toBeLessThan(500);
  });
});

describe('typo', () => {
  it.each(TYPO_KINDS)('a %s changes the name by one edit (a swap counts as two) and keeps it a valid name', (kind) => {
    const rng = new Prng(kind);
    for (const name of ['GONZALEZ', 'LE', 'DE LA CRUZ', "O'BRIEN", 'NGUYEN']) {
      const out = typo(name, kind, rng);
      expect(out).not.toBe(name);
      expect(out).toMatch(/^[A-Z][A-Z '\-.]*$/);
      expect(levenshtein(name, out)).toBeLessThanOrEqual(kind === 'transposition' ? 2 : 1);
    }
  });
});

describe('SyntheticOrders', () => {
  const orders = new SyntheticOrders({ seed: 'registry-1' }).take(4000);

  it('is reproducible: the same seed gives the same orders', () => {
    const again = new SyntheticOrders({ seed: 'registry-1' }).take(50);
    expect(again).toEqual(orders.slice(0, 50));
    expect(new SyntheticOrders({ seed: 'registry-2' }).take(5)).not.toEqual(orders.slice(0, 5));
  });

  it('gives valid order details (they decode through the domain codec unchanged)', () => {
    for (const o of orders) {
      const decoded = OrderDetails.decode(o.details);
      expect(E.isRight(decoded)).toBe(true);
    }
  });

  it('follows the registry’s mix: DV about 70% and CH about 25% of civil orders, Los Angeles about a quarter', () => {
    const civil = orders.filter((o) => ['DV', 'CH', 'EA', 'WV', 'GV', 'JV', 'SV'].includes(o.details.form.slice(0, 2)) && !o.details.form.startsWith('EPO'));
    const share = (pick: (o: (typeof orders)[number]) => boolean, of: readonly (typeof orders)[number][]) => of.filter(pick).length / of.length;
    expect(share((o) => o.details.form.startsWith('DV'), civil)).toBeCloseTo(0.7, 1);
    expect(share((o) => o.details.form.startsWith('CH'), civil)).toBeCloseTo(0.25, 1);
    expect(share((o) => o.details.form.startsWith('EPO'), orders)).toBeGreaterThan(0.04);
    expect(share((o) => o.details.form.startsWith('CR'), orders)).toBeGreaterThan(0.08);
    expect(share((o) => o.details.court.county === '19', orders)).toBeCloseTo(0.25, 1);
  });

  it('draws surnames with a heavy head and a long tail', () => {
    const counts = new Map<string, number>();
    for (const o of orders) counts.set(o.restrained.last, (counts.get(o.restrained.last) ?? 0) + 1);
    const top = Math.max(...counts.values()) / orders.length;
    expect(top).toBeGreaterThan(0.02);
    expect(top).toBeLessThan(0.1);
    expect(counts.size).toBeGreaterThan(150);
  });

  it('repeats people, some with a one-letter slip in the surname and some in another county', () => {
    const repeats = new Map<number, typeof orders>();
    for (const o of orders) repeats.set(o.restrained.personId, [...(repeats.get(o.restrained.personId) ?? []), o]);
    const repeated = [...repeats.values()].filter((list) => list.length > 1);
    expect(repeated.length).toBeGreaterThan(200);
    const slips = orders.filter((o) => o.typo !== undefined);
    expect(slips.length / orders.length).toBeGreaterThan(0.03);
    for (const o of slips) {
      const entered = o.details.restrainedPerson.name.last;
      expect(entered).not.toBe(o.restrained.last);
      expect(levenshtein(lettersOnly(entered), lettersOnly(o.restrained.last))).toBeLessThanOrEqual(2);
      expect(o.details.restrainedPerson.dateOfBirth).toBe(o.restrained.dateOfBirth);
    }
    expect(repeated.some((list) => new Set(list.map((o) => o.details.court.county)).size > 1)).toBe(true);
  });

  it('sets realistic stages and dates: temporary orders carry a hearing, DOBs come before issue', () => {
    for (const o of orders.slice(0, 500)) {
      if (['DV-110', 'CH-110'].includes(o.details.form)) expect(o.details.hearing).toBeDefined();
      expect(o.details.restrainedPerson.dateOfBirth! < o.details.issuedAt.slice(0, 10)).toBe(true);
      if (o.expiresAt !== null) expect(Date.parse(o.expiresAt)).toBeGreaterThan(Date.parse(o.details.issuedAt));
    }
  });

  it('builds each order’s history through the domain decider', () => {
    const types = new Set<string>();
    for (const o of orders.slice(0, 300)) {
      const history = syntheticHistory(o);
      expect(history.streamId).toBe(`order-${o.orderId}`);
      expect(history.events[0]!.type).toBe('OrderAdded');
      const state = fold(history.events.map((e) => ({ type: e.type, schemaVersion: e.schemaVersion, data: e.data }) as OrderEvent));
      expect(state.status).toBe('issued');
      for (const e of history.events) types.add(e.type);
      expect(syntheticHistory(o)).toEqual(history);
    }
    expect(types).toEqual(new Set(['OrderAdded', 'ImageAttached', 'DojAcknowledgementRecorded', 'DojResponseReviewed', 'ServiceRecorded', 'OrderCanceled']));
  });
});
