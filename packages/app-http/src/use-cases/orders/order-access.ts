import type * as E from 'fp-ts/Either';
import type { ImageProvenance, OrderAction, OrderFacts, OrderId, Withheld } from '@ccpor/domain';

/**
 * The caller's access decisions, as a use case asks for them. Each call asks the domain policy
 * and records the decision, allowed or denied, in the access audit (ADR 0031); a denial comes
 * back as the caller's own refusal `R` (over HTTP, the problem to answer with: 403 with the rule,
 * or 404 where the policy conceals the order, ADR 0034). A use case asks inside load–decide–append,
 * so a retried command is asked about again, and audited again (ADR 0080).
 */
export interface OrderAccess<R> {
  /** May the caller do `action` to the order with these facts? `orderId` is absent for an order not written yet. */
  order(action: OrderAction, facts: OrderFacts, orderId?: OrderId): E.Either<R, void>;
  /** Naming an image by its hash: the order's history must show the caller uploaded it, or an import attached it (ADR 0036). */
  imageReference(provenance: ImageProvenance, orderId: OrderId): E.Either<R, void>;
  /** Records that an order about the same people was withheld from the caller (ADR 0040). */
  withheld(w: Withheld): void;
}
