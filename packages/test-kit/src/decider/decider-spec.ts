import { expect } from '@jest/globals';
import * as E from 'fp-ts/Either';

/** The three functions of a decider (ADR 0001). */
export interface Decider<Command, Event, State, Err> {
  readonly decide: (command: Command, state: State) => E.Either<Err, readonly Event[]>;
  readonly evolve: (state: State, event: Event) => State;
  readonly initialState: State;
}

export interface DeciderThen<Event, State, Err> {
  /** Asserts the command succeeded with exactly these events. */
  then(expected: readonly Event[]): void;
  /** Asserts success and hands the events (and the resulting state) to a check. */
  thenEvents(check: (events: readonly Event[], state: State) => void): void;
  /** Asserts the command failed with an error matching this (partial) shape, e.g. `{ code: 'ORDER_EXPIRED' }`. */
  thenFails(expected: Partial<Err>): void;
}

/**
 * Given/when/then for deciders: `spec(decider).given(events).when(command).then(events)`.
 * It exercises the decider only through decide and evolve, so tests state behaviour, not internals.
 */
export const deciderSpec = <Command, Event, State, Err>(decider: Decider<Command, Event, State, Err>) => ({
  given: (history: readonly Event[]) => ({
    when: (command: Command): DeciderThen<Event, State, Err> => {
      const state = history.reduce(decider.evolve, decider.initialState);
      const result = decider.decide(command, state);
      const describeResult = () => JSON.stringify(E.isLeft(result) ? { error: result.left } : { events: result.right }, null, 2);
      return {
        then: (expected) => {
          if (E.isLeft(result)) throw new Error(`expected events but decide failed:\n${describeResult()}`);
          expect(result.right).toEqual(expected);
        },
        thenEvents: (check) => {
          if (E.isLeft(result)) throw new Error(`expected events but decide failed:\n${describeResult()}`);
          check(result.right, result.right.reduce(decider.evolve, state));
        },
        thenFails: (expected) => {
          if (E.isRight(result)) throw new Error(`expected a failure but decide produced:\n${describeResult()}`);
          expect(result.left).toMatchObject(expected as Record<string, unknown>);
        },
      };
    },
  }),
});
