import type * as E from 'fp-ts/Either';
import type { Actor } from '@ccpor/domain';
import type { IdentityEvent } from '../../identity/identity-events';
import type { Agency, ApiKey, User } from '../../identity/identity-view';

/** Why an append to an identity stream was not written. `stream`: the stream's id. */
export type IdentityWriteRefusal = { readonly kind: 'already-exists'; readonly stream: string } | { readonly kind: 'concurrent-change' };

/** The agencies, users and API keys as this process knows them, and the writer of their streams. */
export interface IdentityRecords {
  readonly view: {
    readonly agencies: ReadonlyMap<string, Agency>;
    readonly users: ReadonlyMap<string, User>;
    readonly apiKeys: ReadonlyMap<string, ApiKey>;
  };
  /**
   * Appends to an identity stream and waits until the view has applied it, so the result (and the
   * caller's next request) sees the change. `expectedVersion`: the version as read (0: a new stream).
   */
  write(streamId: string, events: readonly IdentityEvent[], expectedVersion: number | 'any', actor: Actor): Promise<E.Either<IdentityWriteRefusal, number>>;
}

