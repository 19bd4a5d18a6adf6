import { PageBudget } from './page-budget';

describe('the OCR page budget', () => {
  it('admits pages up to its capacity and refuses the rest at once', () => {
    const b = new PageBudget(3);
    expect(b.tryTake(2)).toBe(true);
    expect(b.tryTake(2)).toBe(false);
    expect(b.tryTake(1)).toBe(true);
    b.release(2);
    expect(b.inUse).toBe(1);
    expect(b.tryTake(2)).toBe(true);
  });

  it('lets waiters in, in arrival order, as pages are released, and a waiter jumps no one', async () => {
    const b = new PageBudget(2);
    b.tryTake(2);
    const order: string[] = [];
    const first = b.take(2).then(() => order.push('first'));
    const second = b.take(1).then(() => order.push('second'));
    expect(b.tryTake(1)).toBe(false);
    expect(b.waiting).toBe(3);
    b.release(2);
    await first;
    b.release(2);
    await second;
    expect(order).toEqual(['first', 'second']);
    expect(b.inUse).toBe(1);
  });

  it('counts a reading larger than the budget as the whole budget, so it can still run', () => {
    const b = new PageBudget(2);
    expect(b.tryTake(7)).toBe(true);
    expect(b.inUse).toBe(2);
    b.release(7);
    expect(b.inUse).toBe(0);
  });

  it('drops a waiter whose reading was abandoned', async () => {
    const b = new PageBudget(1);
    b.tryTake(1);
    const abort = new AbortController();
    const waiting = b.take(1, abort.signal);
    abort.abort(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
    b.release(1);
    expect(b.inUse).toBe(0);
  });
});
