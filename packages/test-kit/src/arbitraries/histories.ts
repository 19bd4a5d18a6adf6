import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import {
  FORM_NUMBERS,
  RENEWAL_RULES,
  formInfo,
  orderDecider,
  type DomainError,
  type FormNumber,
  type IsoDateTime,
  type OrderCommand,
  type OrderDecider,
  type OrderDetails,
  type OrderEvent,
  type OrderId,
  type OrderState,
  type Ori,
} from '@ccpor/domain';
import { commandFromIntent, commandIntentArb, INTENT_ARBS, type CommandIntent, type CommandIntentKind } from './commands';
import { formArb, validOrderDetailsArb } from './order-details';
import { agencyOriArb, DAY_MS, formatInstant, MINUTE_MS, offsetArb, orderIdArb, precisionArb, truncateMs, type InstantPrecision } from './value-objects';

/** How far the clock moves before a step. */
export type Advance =
  | { readonly kind: 'minutes'; readonly n: number }
  | { readonly kind: 'days'; readonly n: number }
  /** To `daysBefore` days before the order's current end (after it when negative), if that is ahead. */
  | { readonly kind: 'near-expiry'; readonly daysBefore: number };

export interface HistoryStep {
  readonly advance: Advance;
  /** How `at` is written: the same instant with any offset and precision. */
  readonly offset: number;
  readonly precision: InstantPrecision;
  readonly intent: CommandIntent;
}

export interface Decision {
  readonly command: OrderCommand;
  /** The state the command was decided on. */
  readonly before: OrderState;
  readonly result: E.Either<DomainError, OrderEvent[]>;
}

export interface History {
  readonly orderId: OrderId;
  /** The paper order the clerk works from. */
  readonly base: OrderDetails;
  /** Accepted commands, in order. */
  readonly commands: readonly OrderCommand[];
  /** Every event the accepted commands produced, in order: the order's stream. */
  readonly events: readonly OrderEvent[];
  /** The fold of `events`. */
  readonly state: OrderState;
  /** Every command tried, accepted or not, with the state it met and decide's answer. */
  readonly decisions: readonly Decision[];
}

export type HistoryStart = 'add' | 'draft' | 'clone';

export interface HistoryOptions {
  readonly decider?: OrderDecider;
  readonly maxSteps?: number;
  readonly form?: FormNumber | fc.Arbitrary<FormNumber>;
  /** How the stream begins; any of the three by default. */
  readonly start?: readonly HistoryStart[];
  readonly weights?: Partial<Record<CommandIntentKind, number>>;
}

export const advanceArb: fc.Arbitrary<Advance> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('minutes' as const), n: fc.integer({ min: 1, max: 600 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('days' as const), n: fc.integer({ min: 1, max: 30 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('days' as const), n: fc.integer({ min: 61, max: 2000 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('near-expiry' as const), daysBefore: fc.integer({ min: -5, max: 95 }) }) },
);

export const historyStepArb = (weights?: Partial<Record<CommandIntentKind, number>>): fc.Arbitrary<HistoryStep> =>
  fc.record({ advance: advanceArb, offset: offsetArb, precision: precisionArb, intent: commandIntentArb(weights) });

const firstIntentArb = (start: readonly HistoryStart[]): fc.Arbitrary<CommandIntent> =>
  fc.constantFrom(...start).chain((kind): fc.Arbitrary<CommandIntent> => {
    switch (kind) {
      case 'add':
        return INTENT_ARBS.add;
      case 'draft':
        return INTENT_ARBS['create-draft'];
      case 'clone':
        return INTENT_ARBS.clone.map((c) => ({ ...c, issued: true }));
    }
  });

/**
 * Forms for histories: every form, with the renewable orders after hearing (DV, CH, EA, WV, GV)
 * twice as likely, since they have the longest lives.
 */
export const historyFormArb: fc.Arbitrary<FormNumber> = fc.oneof(
  formArb,
  fc.constantFrom<FormNumber>(...FORM_NUMBERS.filter((f) => formInfo(f).stage === 'after-hearing' && RENEWAL_RULES[formInfo(f).type] !== undefined)),
);

/** Times stay well inside the codec's years (to 2199) whatever the steps do. */
const LAST_AT_MS = Date.UTC(2190, 0, 1);

const nextAtMs = (previous: number, advance: Advance, state: OrderState): number => {
  const proposed =
    advance.kind === 'minutes'
      ? previous + advance.n * MINUTE_MS
      : advance.kind === 'days'
        ? previous + advance.n * DAY_MS
        : state.status === 'issued' && state.expiresAt !== null
          ? Date.parse(state.expiresAt) - advance.daysBefore * DAY_MS
          : previous + MINUTE_MS;
  return Math.max(proposed, previous + MINUTE_MS);
};

/**
 * Runs steps through `decide` from the initial state, each at a strictly later `at`, keeping the
 * events of the accepted ones (the others are recorded in `decisions`). Pure: the same steps give
 * the same history.
 */
export const runHistory = (input: HistoryInput, decider: OrderDecider = orderDecider): History => {
  let state: OrderState = decider.initialState;
  let atMs = input.startAtMs;
  const commands: OrderCommand[] = [];
  const events: OrderEvent[] = [];
  const decisions: Decision[] = [];
  const steps: HistoryStep[] = [{ advance: { kind: 'minutes', n: 0 }, offset: -480, precision: 'seconds', intent: input.first }, ...input.steps];
  for (const [i, step] of steps.entries()) {
    if (i > 0) atMs = nextAtMs(atMs, step.advance, state);
    if (atMs > LAST_AT_MS) break;
    const at = formatInstant(truncateMs(atMs, step.precision), step.offset, step.precision) as IsoDateTime;
    // Steps are at least a minute apart and rendering truncates less than that, so `at` still increases.
    atMs = Date.parse(at);
    const command = commandFromIntent(step.intent, { orderId: input.orderId, at, state, base: input.base, enteringAgencyOri: input.enteringAgencyOri });
    const result = decider.decide(command, state);
    decisions.push({ command, before: state, result });
    if (E.isRight(result)) {
      commands.push(command);
      events.push(...result.right);
      state = result.right.reduce(decider.evolve, state);
    }
  }
  return { orderId: input.orderId, base: input.base, commands, events, state, decisions };
};

export interface HistoryInput {
  readonly orderId: OrderId;
  readonly base: OrderDetails;
  readonly enteringAgencyOri: Ori;
  readonly startAtMs: number;
  readonly first: CommandIntent;
  readonly steps: readonly HistoryStep[];
}

/**
 * The data a history is made from: a paper order valid for its form, a first step that adds it,
 * drafts it or clones it, then up to `maxSteps` life-cycle steps. A property that must see decide
 * throw (rather than fail while generating) runs `runHistory` on this itself.
 */
export const historyInputArb = (options: Omit<HistoryOptions, 'decider'> = {}): fc.Arbitrary<HistoryInput> =>
  fc
    .record({
      orderId: orderIdArb,
      base: validOrderDetailsArb({ form: options.form ?? historyFormArb }),
      enteringAgencyOri: agencyOriArb,
      delayMinutes: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 * 24 * 60 })),
      first: firstIntentArb(options.start ?? ['add', 'add', 'draft', 'clone']),
      steps: fc.array(historyStepArb(options.weights), { maxLength: options.maxSteps ?? 12 }),
    })
    .map(({ delayMinutes, ...rest }) => ({ ...rest, startAtMs: Date.parse(rest.base.issuedAt) + delayMinutes * MINUTE_MS }));

/**
 * Valid histories of one order (see `historyInputArb`): modifications, renewals, services,
 * cancellation, images, DOJ answers and rule-blind commands at increasing times, run through
 * `decide`, keeping the accepted ones.
 */
export const historyArb = (options: HistoryOptions = {}): fc.Arbitrary<History> =>
  historyInputArb(options).map((input) => runHistory(input, options.decider));

/** Histories whose order ends up added (issued), starting with an AddOrder. */
export const issuedHistoryArb = (options: Omit<HistoryOptions, 'start'> = {}): fc.Arbitrary<History & { state: Extract<OrderState, { status: 'issued' }> }> =>
  historyArb({ ...options, start: ['add'] }).filter((h): h is History & { state: Extract<OrderState, { status: 'issued' }> } => h.state.status === 'issued');
