import type * as E from 'fp-ts/Either';
import type { AccountChange, AccountFacts, Actor, GlobalAction, ScopeFacts } from '@ccpor/domain';

/**
 * The caller's access decisions, as an identity use case asks for them (ADR 0035). Each call asks
 * the domain policy and records the decision, allowed or denied, in the access audit (ADR 0031);
 * a denial comes back as the caller's own refusal `R` (over HTTP, the problem to answer with: 403
 * with the rule, or 404 where the policy conceals another agency's account or key).
 */
export interface IdentityAccess<R> {
  /** Who acts: the actor the events are recorded under. */
  readonly actor: Actor;
  /**
   * May the caller administer agencies, users or API keys (`action`), within `scope`? `record`: the
   * API key the scope belongs to, answered as absent when the policy conceals it.
   */
  administer(action: GlobalAction, scope?: ScopeFacts, record?: 'apiKey'): E.Either<R, void>;
  /** May the caller make this change to an account (or to a key's roles)? `username` names an existing account, concealed as absent when the policy says so. */
  account(target: AccountFacts | { readonly agencyOri: string }, change: AccountChange, username?: string): E.Either<R, void>;
}
