import * as E from 'fp-ts/Either';
import { Problem } from './problem';

/** A guard call's denial, which it throws as the problem to answer with, as a value: how a use case's access port is built from the guard. */
export const refusing = (ask: () => unknown): E.Either<Problem, void> => {
  try {
    ask();
    return E.right(undefined);
  } catch (refusal) {
    if (refusal instanceof Problem) return E.left(refusal);
    throw refusal;
  }
};
