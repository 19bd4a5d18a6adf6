import type { Agency } from '../identity/identity-view';

/** The registered courts: a state reconciliation lists them even before the registry holds an order of theirs. */
export const registeredCourts = (agencies: Iterable<Agency>): string[] =>
  [...agencies].filter((a) => a.kind === 'superior-court' || a.kind === 'tribal-court').map((a) => a.ori);
