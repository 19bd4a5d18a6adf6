import type * as E from 'fp-ts/Either';
import type { GlobalAction, OrderAction, OrderFacts } from '@ccpor/domain';

/**
 * The caller's access decisions for a statewide read (search, statistics). Each call asks the
 * domain policy and records the decision in the access audit (ADR 0031); a denial comes back as
 * the caller's own refusal `R` (over HTTP, the problem to answer with).
 */
export interface SearchAccess<R> {
  /** May the caller do `action`, which concerns no one order (`search`, `statistics.read`)? */
  global(action: GlobalAction): E.Either<R, void>;
  /** May the caller do `action` to orders with these facts, asked before any order is found (looking one up by its FCN)? */
  order(action: OrderAction, facts: OrderFacts): E.Either<R, void>;
}
