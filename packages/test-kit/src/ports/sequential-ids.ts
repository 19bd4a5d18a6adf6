import type { IdGenerator } from '@ccpor/domain';

/** Deterministic UUID-shaped ids (v4 layout) for reproducible tests and seeded demos. */
export class SequentialIds implements IdGenerator {
  private n = 0;
  constructor(private readonly prefix = '00000000') {}
  newId(): string {
    this.n += 1;
    const tail = this.n.toString(16).padStart(12, '0');
    return `${this.prefix}-0000-4000-8000-${tail}`;
  }
}
