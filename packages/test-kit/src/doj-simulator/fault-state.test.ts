import { FaultState } from './fault-state';

const decisions = (state: FaultState, n: number) => Array.from({ length: n }, () => state.decideResponse(100));

describe('FaultState', () => {
  it('fires scheduled faults on exactly the listed responses', () => {
    const state = new FaultState({ drop: { on: [2, 4] }, duplicate: { on: [3] } });
    expect(decisions(state, 5).map((d) => d.faults)).toEqual([[], ['drop'], ['duplicate'], ['drop'], []]);
  });

  it('repeats the same sequence for the same seed and differs for another', () => {
    const plan = { drop: { probability: 0.3 }, garble: { probability: 0.3 }, delay: { probability: 0.5, ms: 5 } };
    const a = decisions(new FaultState({ ...plan, seed: 7 }), 200);
    const b = decisions(new FaultState({ ...plan, seed: 7 }), 200);
    const c = decisions(new FaultState({ ...plan, seed: 8 }), 200);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    const dropped = a.filter((d) => d.faults.includes('drop')).length;
    expect(dropped).toBeGreaterThan(30);
    expect(dropped).toBeLessThan(90);
  });

  it('never fires with probability 0 and always with probability 1', () => {
    const never = new FaultState({ seed: 3, close: { probability: 0 } });
    const always = new FaultState({ seed: 3, close: { probability: 1 } });
    expect(decisions(never, 100).every((d) => d.faults.length === 0)).toBe(true);
    expect(decisions(always, 100).every((d) => d.faults.includes('close'))).toBe(true);
  });

  it('counts connections for refusals separately from responses', () => {
    const state = new FaultState({ refuse: { on: [2] }, drop: { on: [1] } });
    expect([state.refuseConnection(), state.refuseConnection(), state.refuseConnection()]).toEqual([false, true, false]);
    expect(state.decideResponse(50).faults).toEqual(['drop']);
  });

  it('picks a garbled byte inside the frame and a non-zero mask', () => {
    for (const d of decisions(new FaultState({ seed: 11, garble: { probability: 1 } }), 200)) {
      expect(d.garbleAt).toBeGreaterThanOrEqual(0);
      expect(d.garbleAt).toBeLessThan(100);
      expect(d.garbleMask).toBeGreaterThanOrEqual(1);
      expect(d.garbleMask).toBeLessThanOrEqual(255);
    }
  });
});
