import * as E from 'fp-ts/Either';

export type Result<Err, A> = E.Either<Err, A>;
export const ok = E.right;
export const fail = E.left;
