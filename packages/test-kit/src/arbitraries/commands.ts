import fc from 'fast-check';
import {
  DraftDetails,
  RENEWAL_RULES,
  addDays,
  addMonths,
  addYears,
  californiaLocalDate,
  formInfo,
  fromCaliforniaLocal,
  type CancelReason,
  type DojTransaction,
  type ExpirationInput,
  type FormNumber,
  type ImageRef,
  type IsoDateTime,
  OrderChanges,
  type OrderCommand,
  type OrderCommandType,
  type OrderDate,
  type OrderDetails,
  type OrderId,
  type OrderSource,
  type OrderState,
  type Ori,
  type ServiceRecord,
  type FormReading,
  pendingReadFields,
  type FirearmReceipt,
} from '@ccpor/domain';
import {
  anyDraftDetailsArb,
  anyOrderChangesArb,
  anyOrderDetailsArb,
  expirationInputArb,
  formArb,
  imageRefArb,
  judicialOfficerArb,
  servedByArb,
  serviceIdArb,
  serviceMethodArb,
  serviceRecordArb,
  validOrderDetailsArb,
  writtenExpirationBounds,
} from './order-details';
import { nonEmptyTextArb, petitionerArb, protectedPersonsArb, restrainedPersonArb } from './parties';
import { provisionsArb } from './provisions';
import { formReadingArb } from './form-readings';
import {
  agencyOriArb,
  bradyArb,
  dayOfIsoDate,
  fcnArb,
  formatInstant,
  isoDateOfDay,
  isoDateTimeArb,
  localTimeArb,
  nicArb,
  orderDateArb,
  orderIdArb,
  oriArb,
  pcoCodesArb,
  sha256Arb,
} from './value-objects';
import { READABLE_FIELD_IDS } from '@ccpor/domain';

type CommandOf<K extends OrderCommandType> = Extract<OrderCommand, { type: K }>;
type DraftKey = keyof DraftDetails;

export const DRAFT_KEYS = Object.keys(DraftDetails.props) as DraftKey[];

/** A few fixed image hashes, so that attaching twice, replacing and removing meet each other. */
export const IMAGE_SHA_POOL = ['a', 'b', 'c', 'd'].map((c) => c.repeat(64));
/** A few DOJ message ids, so that duplicates and reviews of earlier answers come up. */
export const MESSAGE_ID_POOL = ['00000001', '00000002', '00000003', '00000004'];

const cancelReasonArb: fc.Arbitrary<CancelReason> = fc.constantFrom('terminated-by-court', 'entered-in-error', 'superseded', 'other');
const dojTransactionArb: fc.Arbitrary<DojTransaction> = fc.constantFrom('enter', 'modify', 'service', 'cancel', 'clear');
const messageIdArb: fc.Arbitrary<string> = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...MESSAGE_ID_POOL) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });
const pooledImageArb: fc.Arbitrary<ImageRef> = imageRefArb(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...IMAGE_SHA_POOL) }, { weight: 1, arbitrary: sha256Arb }));
const dojErrorsArb = fc.array(
  fc.record({ reason: fc.constantFrom('Missing DOB', 'Invalid ORI', 'Duplicate record', 'Unknown FCN'), field: fc.constantFrom('DOB', 'ORI', 'NAM', 'FCN') }, { requiredKeys: ['reason'] }),
  { maxLength: 3 },
);

export const orderSourceArb: fc.Arbitrary<OrderSource> = fc.oneof(
  fc.constant({ kind: 'registry' as const }),
  fc.record({ kind: fc.constant('historical-import' as const), sourceRecordId: fc.string({ minLength: 1, maxLength: 20 }), sourceSystem: fc.constantFrom('FACCTS', 'ORANGE-RPO', 'DMS') }),
);

// ---------------------------------------------------------------- codec-shaped commands with arbitrary values

export interface AnyCommandOptions {
  readonly orderId?: fc.Arbitrary<OrderId>;
  readonly at?: fc.Arbitrary<IsoDateTime>;
}

/**
 * One arbitrary per command type, each value accepted by the OrderCommand codec but chosen with no
 * regard to any order or rule: times anywhere in 1990–2199, forms with the wrong stage fields,
 * services before issue, unknown images and messages. Decide must answer each with events or a
 * domain error.
 */
export const anyCommandArbs = (options: AnyCommandOptions = {}): { readonly [K in OrderCommandType]: fc.Arbitrary<CommandOf<K>> } => {
  const orderId = options.orderId ?? orderIdArb;
  const at = options.at ?? isoDateTimeArb();
  const head = <K extends OrderCommandType>(type: K) => ({ type: fc.constant(type), orderId, at });
  return {
    CreateDraft: fc.record({ ...head('CreateDraft'), enteringAgencyOri: oriArb, details: anyDraftDetailsArb }),
    UpdateDraft: fc.record({ ...head('UpdateDraft'), details: anyDraftDetailsArb, clear: fc.subarray(DRAFT_KEYS) }, { requiredKeys: ['type', 'orderId', 'at', 'details'] }),
    DiscardDraft: fc.record({ ...head('DiscardDraft'), reason: fc.string({ maxLength: 40 }) }, { requiredKeys: ['type', 'orderId', 'at'] }),
    AddOrder: fc.record(
      {
        ...head('AddOrder'),
        enteringAgencyOri: oriArb,
        details: fc.oneof(anyOrderDetailsArb, anyDraftDetailsArb, validOrderDetailsArb()),
        source: orderSourceArb,
      },
      { requiredKeys: ['type', 'orderId', 'at', 'enteringAgencyOri'] },
    ),
    ModifyOrder: fc.record({ ...head('ModifyOrder'), changes: anyOrderChangesArb, reason: fc.string({ maxLength: 40 }) }, { requiredKeys: ['type', 'orderId', 'at', 'changes'] }),
    RenewOrder: fc.record({ ...head('RenewOrder'), requestFiledOn: orderDateArb(), expiration: expirationInputArb }),
    RecordService: fc.record({ ...head('RecordService'), service: serviceRecordArb() }),
    CancelOrder: fc.record(
      { ...head('CancelOrder'), reason: cancelReasonArb, note: fc.string({ maxLength: 40 }), supersededBy: orderIdArb },
      { requiredKeys: ['type', 'orderId', 'at', 'reason'] },
    ),
    CloneOrder: fc.record(
      {
        ...head('CloneOrder'),
        enteringAgencyOri: oriArb,
        source: fc.record({ orderId: orderIdArb, issued: fc.boolean(), details: anyDraftDetailsArb }),
        form: formArb,
      },
      { requiredKeys: ['type', 'orderId', 'at', 'enteringAgencyOri', 'source'] },
    ),
    AttachImage: fc.record({ ...head('AttachImage'), image: pooledImageArb }),
    ReplaceImage: fc.record({ ...head('ReplaceImage'), previousSha256: fc.oneof(fc.constantFrom(...IMAGE_SHA_POOL), fc.string()), image: pooledImageArb }),
    RemoveImage: fc.record({ ...head('RemoveImage'), sha256: fc.oneof(fc.constantFrom(...IMAGE_SHA_POOL), fc.string()), reason: fc.string({ maxLength: 40 }) }),
    RecordDojAcknowledgement: fc.record(
      { ...head('RecordDojAcknowledgement'), transaction: dojTransactionArb, messageId: messageIdArb, fcn: fcnArb, nic: nicArb },
      { requiredKeys: ['type', 'orderId', 'at', 'transaction', 'messageId', 'fcn'] },
    ),
    RecordDojRejection: fc.record({ ...head('RecordDojRejection'), transaction: dojTransactionArb, messageId: messageIdArb, errors: dojErrorsArb }),
    ReviewDojResponse: fc.record(
      { ...head('ReviewDojResponse'), messageId: messageIdArb, outcome: fc.constantFrom('accurate' as const, 'needs-correction' as const), note: fc.string({ maxLength: 40 }) },
      { requiredKeys: ['type', 'orderId', 'at', 'messageId', 'outcome'] },
    ),
    ApplyFormReading: fc.record({
      ...head('ApplyFormReading'),
      readingId: orderIdArb,
      imageSha256: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...IMAGE_SHA_POOL) }, { weight: 1, arbitrary: sha256Arb }),
      reading: formReadingArb,
    }),
    ReviewReadFields: fc.record(
      {
        ...head('ReviewReadFields'),
        readingId: orderIdArb,
        accept: fc.subarray([...READABLE_FIELD_IDS], { maxLength: 4 }),
        correct: fc.subarray([...READABLE_FIELD_IDS], { maxLength: 4 }),
        details: anyDraftDetailsArb,
        clear: fc.subarray(DRAFT_KEYS, { maxLength: 2 }),
      },
      { requiredKeys: ['type', 'orderId', 'at', 'readingId'] },
    ),
    RecordFirearmReceipt: fc.record({ ...head('RecordFirearmReceipt'), receipt: firearmReceiptArb() }),
    RecordCourtFiling: fc.record({ ...head('RecordCourtFiling'), filedAt: isoDateTimeArb() }),
  };
};

/** A relinquishment receipt; `filedAt` defaults to any instant, callers pass one that fits the order. */
export const firearmReceiptArb = (filedAt: fc.Arbitrary<IsoDateTime> = isoDateTimeArb()): fc.Arbitrary<FirearmReceipt> =>
  fc.record(
    {
      receiptId: fc.oneof(fc.constantFrom('rcpt-1', 'rcpt-2'), fc.stringMatching(/^[a-z0-9-]{1,20}$/)),
      filedAt,
      filedBy: fc.record({ name: fc.constantFrom('R. Rivera', 'Counsel J. Park'), role: fc.constantFrom('restrained-person' as const, 'attorney' as const, 'law-enforcement' as const) }),
      filedWith: fc.subarray(['court' as const, 'law-enforcement' as const], { minLength: 1 }),
      outcome: fc.oneof(
        fc.constant({ kind: 'none-owned' as const }),
        fc.record({
          kind: fc.constant('relinquished' as const),
          items: fc.array(
            fc.record(
              {
                description: fc.constantFrom('Glock 19 pistol', '12-gauge shotgun', '200 rounds 9mm'),
                disposition: fc.constantFrom('surrendered-to-law-enforcement' as const, 'stored-with-licensed-dealer' as const, 'sold-to-licensed-dealer' as const),
                serialNumber: fc.stringMatching(/^[A-Z0-9]{5,10}$/),
              },
              { requiredKeys: ['description', 'disposition'] },
            ),
            { minLength: 1, maxLength: 4 },
          ),
        }),
      ),
      form: fc.constantFrom('DV-800', 'GV-800', 'CH-800'),
    },
    { requiredKeys: ['receiptId', 'filedAt', 'filedBy', 'filedWith', 'outcome'] },
  );

/** Any command of any type, codec-valid, values unrelated to any order. */
export const anyOrderCommandArb = (options: AnyCommandOptions = {}): fc.Arbitrary<OrderCommand> =>
  fc.oneof(...(Object.values(anyCommandArbs(options)) as fc.Arbitrary<OrderCommand>[]));

// ---------------------------------------------------------------- input the codec must judge

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const pathsOf = (value: unknown, prefix: readonly (string | number)[] = []): (readonly (string | number)[])[] => {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
};

const withAt = (value: unknown, path: readonly (string | number)[], replacement: Json | undefined): unknown => {
  const [key, ...rest] = path;
  if (key === undefined) return replacement;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const copy: unknown[] = [...value];
    if (rest.length === 0 && replacement === undefined) copy.splice(Number(key), 1);
    else copy[Number(key)] = withAt(copy[Number(key)], rest, replacement);
    return copy;
  }
  const copy: Record<string, unknown> = { ...value };
  if (rest.length === 0 && replacement === undefined) delete copy[key];
  else copy[key] = withAt(copy[key], rest, replacement);
  return copy;
};

/**
 * Breaks a value in one to three places: a field (or the whole) replaced by arbitrary JSON, or
 * removed. Most results fail their codec; the ones that pass are values nobody would write by hand.
 */
export const mutatedArb = <A>(valueArb: fc.Arbitrary<A>): fc.Arbitrary<unknown> =>
  fc
    .tuple(valueArb, fc.array(fc.tuple(fc.nat(), fc.option(fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>, { nil: undefined })), { minLength: 1, maxLength: 3 }))
    .map(([value, mutations]) =>
      mutations.reduce<unknown>((v, [pick, replacement]) => {
        const paths = pathsOf(v);
        return withAt(v, paths[pick % paths.length] ?? [], replacement);
      }, value),
    );

/** Raw input for the OrderCommand codec: arbitrary JSON, and commands broken in a few places. */
export const orderCommandInputArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 4, arbitrary: mutatedArb(anyOrderCommandArb()) },
  { weight: 1, arbitrary: anyOrderCommandArb().map((c) => JSON.parse(JSON.stringify(c)) as unknown) },
);

// ---------------------------------------------------------------- state-aware, valid-looking commands

/**
 * What a clerk, a deputy or the CARPOS gateway means to do next, as data. `commandFromIntent` turns
 * an intent into a concrete command for an order's current state and time, so most commands are
 * ones the registry accepts (a service between issue and now, a renewal filed inside its window)
 * while the data shrinks like any other. The `any` intent carries a rule-blind command.
 */
export type CommandIntent =
  | { readonly kind: 'create-draft'; readonly keep: readonly DraftKey[] }
  | { readonly kind: 'update-draft'; readonly keep: readonly DraftKey[]; readonly clear: readonly DraftKey[] }
  | { readonly kind: 'discard-draft'; readonly reason?: string }
  | { readonly kind: 'add'; readonly onlyMissing: boolean; readonly source?: OrderSource }
  | { readonly kind: 'clone'; readonly sourceOrderId: OrderId; readonly issued: boolean; readonly form?: FormNumber }
  | {
      readonly kind: 'modify';
      readonly changes: OrderChanges;
      /** A new written end, as a fraction of the allowed span. */
      readonly expiration?: { readonly fraction: number; readonly time?: string };
      /** A continuance: the hearing moves this many days later. */
      readonly continueHearingDays?: number;
      /**
       * Fields re-sent with the values the order already has, their object keys in reverse order
       * (JSON from a client carries no key order), so a modification that changes nothing comes up.
       */
      readonly resend?: readonly (keyof OrderChanges)[];
      readonly reason?: string;
    }
  | { readonly kind: 'renew'; readonly filed: number; readonly length: number; readonly permanent: boolean; readonly time?: string }
  | {
      readonly kind: 'serve';
      readonly when: number;
      readonly method: ServiceRecord['method'];
      readonly serviceId: string;
      readonly servedBy: ServiceRecord['servedBy'];
      readonly byEnteringAgency: boolean;
      readonly otherAgencyOri: Ori;
    }
  | { readonly kind: 'cancel'; readonly reason: CancelReason; readonly note?: string; readonly supersededBy?: OrderId }
  | { readonly kind: 'attach-image'; readonly image: ImageRef }
  | { readonly kind: 'replace-image'; readonly pick: number; readonly image: ImageRef }
  | { readonly kind: 'remove-image'; readonly pick: number; readonly reason: string }
  | { readonly kind: 'doj-ack'; readonly transaction: DojTransaction; readonly messageId: string; readonly sameFcn: boolean; readonly fcn: string; readonly nic?: string }
  | { readonly kind: 'doj-reject'; readonly transaction: DojTransaction; readonly messageId: string; readonly errors: { reason: string; field?: string }[] }
  | { readonly kind: 'doj-review'; readonly pick: number; readonly outcome: 'accurate' | 'needs-correction'; readonly note?: string }
  /** A form reading applied to a draft's first image, read as the draft's form when it has one. */
  | { readonly kind: 'read-form'; readonly readingId: OrderId; readonly reading: FormReading; readonly sameForm: boolean }
  /** The clerk's review of some of the draft's pending read fields: accepted, or corrected (left as the draft has them). */
  | { readonly kind: 'review-reading'; readonly take: number; readonly correct: boolean }
  | { readonly kind: 'firearm-receipt'; readonly when: number; readonly receipt: FirearmReceipt }
  | { readonly kind: 'court-filing'; readonly when: number }
  | { readonly kind: 'any'; readonly command: OrderCommand };

export type CommandIntentKind = CommandIntent['kind'];

const fraction = fc.double({ min: 0, max: 1, noNaN: true });

/** What a modification may touch, with fresh values. */
const modifyChangesArb: fc.Arbitrary<OrderChanges> = fc.record(
  {
    judicialOfficer: judicialOfficerArb,
    restrainedPerson: restrainedPersonArb(),
    protectedPersons: protectedPersonsArb(3),
    petitioner: petitionerArb,
    provisions: provisionsArb(),
    pcoCodes: pcoCodesArb,
    terms: fc.string({ maxLength: 120 }),
    sealed: fc.boolean(),
    brady: bradyArb,
    serviceByMailPermitted: fc.boolean(),
    agencyCaseNumber: nonEmptyTextArb(20),
    assignedAgencies: fc.array(agencyOriArb, { maxLength: 2 }),
  },
  { requiredKeys: [] },
);

export const INTENT_ARBS: { readonly [K in CommandIntentKind]: fc.Arbitrary<Extract<CommandIntent, { kind: K }>> } = {
  'create-draft': fc.record({ kind: fc.constant('create-draft' as const), keep: fc.subarray(DRAFT_KEYS) }),
  'update-draft': fc.record({ kind: fc.constant('update-draft' as const), keep: fc.subarray(DRAFT_KEYS), clear: fc.subarray(DRAFT_KEYS, { maxLength: 2 }) }),
  'discard-draft': fc.record({ kind: fc.constant('discard-draft' as const), reason: fc.string({ maxLength: 30 }) }, { requiredKeys: ['kind'] }),
  add: fc.record({ kind: fc.constant('add' as const), onlyMissing: fc.boolean(), source: orderSourceArb }, { requiredKeys: ['kind', 'onlyMissing'] }),
  clone: fc.record({ kind: fc.constant('clone' as const), sourceOrderId: orderIdArb, issued: fc.boolean(), form: formArb }, { requiredKeys: ['kind', 'sourceOrderId', 'issued'] }),
  modify: fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record(
        {
          kind: fc.constant('modify' as const),
          changes: modifyChangesArb,
          resend: fc.subarray(Object.keys(OrderChanges.props) as (keyof OrderChanges)[]),
          expiration: fc.record({ fraction, time: localTimeArb }, { requiredKeys: ['fraction'] }),
          continueHearingDays: fc.integer({ min: 1, max: 60 }),
          reason: fc.string({ maxLength: 30 }),
        },
        { requiredKeys: ['kind', 'changes'] },
      ),
    },
    {
      // Only what the order already says, re-sent: the registry must see that nothing changes.
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('modify' as const),
        changes: fc.constant({}),
        resend: fc.subarray(['restrainedPerson', 'protectedPersons', 'petitioner', 'provisions', 'hearing', 'expiration'] as (keyof OrderChanges)[], { minLength: 1 }),
      }),
    },
  ),
  renew: fc.record({ kind: fc.constant('renew' as const), filed: fraction, length: fraction, permanent: fc.boolean(), time: localTimeArb }, { requiredKeys: ['kind', 'filed', 'length', 'permanent'] }),
  serve: fc.record({
    kind: fc.constant('serve' as const),
    when: fraction,
    method: serviceMethodArb,
    serviceId: fc.oneof({ weight: 3, arbitrary: fc.constantFrom('pos-1', 'pos-2', 'pos-3') }, { weight: 1, arbitrary: serviceIdArb }),
    servedBy: servedByArb,
    byEnteringAgency: fc.boolean(),
    otherAgencyOri: agencyOriArb,
  }),
  cancel: fc.record(
    { kind: fc.constant('cancel' as const), reason: cancelReasonArb, note: fc.string({ maxLength: 40 }), supersededBy: orderIdArb },
    { requiredKeys: ['kind', 'reason'] },
  ),
  'attach-image': fc.record({ kind: fc.constant('attach-image' as const), image: pooledImageArb }),
  'replace-image': fc.record({ kind: fc.constant('replace-image' as const), pick: fc.nat(), image: pooledImageArb }),
  'remove-image': fc.record({ kind: fc.constant('remove-image' as const), pick: fc.nat(), reason: fc.constantFrom('illegible scan', 'wrong order', 'duplicate') }),
  'doj-ack': fc.record(
    { kind: fc.constant('doj-ack' as const), transaction: dojTransactionArb, messageId: messageIdArb, sameFcn: fc.boolean(), fcn: fcnArb, nic: nicArb },
    { requiredKeys: ['kind', 'transaction', 'messageId', 'sameFcn', 'fcn'] },
  ),
  'doj-reject': fc.record({ kind: fc.constant('doj-reject' as const), transaction: dojTransactionArb, messageId: messageIdArb, errors: dojErrorsArb }),
  'doj-review': fc.record(
    { kind: fc.constant('doj-review' as const), pick: fc.nat(), outcome: fc.constantFrom('accurate' as const, 'needs-correction' as const), note: fc.string({ maxLength: 30 }) },
    { requiredKeys: ['kind', 'pick', 'outcome'] },
  ),
  'read-form': fc.record({ kind: fc.constant('read-form' as const), readingId: orderIdArb, reading: formReadingArb, sameForm: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }) }),
  'review-reading': fc.record({ kind: fc.constant('review-reading' as const), take: fc.integer({ min: 1, max: 40 }), correct: fc.boolean() }),
  'firearm-receipt': fc.record({ kind: fc.constant('firearm-receipt' as const), when: fraction, receipt: firearmReceiptArb() }),
  'court-filing': fc.record({ kind: fc.constant('court-filing' as const), when: fraction }),
  any: anyOrderCommandArb().map((command) => ({ kind: 'any' as const, command })),
};

/** Relative weights of the intents after an order's first step: mostly life-cycle work on the order. */
export const INTENT_WEIGHTS: { readonly [K in CommandIntentKind]: number } = {
  'create-draft': 2,
  'update-draft': 6,
  'discard-draft': 1,
  add: 12,
  clone: 2,
  modify: 12,
  renew: 10,
  serve: 12,
  cancel: 4,
  'attach-image': 6,
  'replace-image': 4,
  'remove-image': 4,
  'doj-ack': 8,
  'doj-reject': 4,
  'doj-review': 6,
  'read-form': 8,
  'review-reading': 10,
  'firearm-receipt': 4,
  'court-filing': 8,
  any: 8,
};

export const commandIntentArb = (weights: Partial<Record<CommandIntentKind, number>> = {}): fc.Arbitrary<CommandIntent> =>
  fc.oneof(
    ...(Object.keys(INTENT_ARBS) as CommandIntentKind[])
      .map((kind) => ({ weight: weights[kind] ?? INTENT_WEIGHTS[kind], arbitrary: INTENT_ARBS[kind] as fc.Arbitrary<CommandIntent> }))
      .filter((w) => w.weight > 0),
  );

export interface IntentContext {
  readonly orderId: OrderId;
  readonly at: IsoDateTime;
  readonly state: OrderState;
  /** The order's details as the clerk has them on paper: what drafts, adds and clones take from. */
  readonly base: OrderDetails;
  readonly enteringAgencyOri: Ori;
}

/** The same value with every object's keys in reverse order. */
const reverseKeys = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(reverseKeys)
    : value !== null && typeof value === 'object'
      ? Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]))
      : value;

const pick = <T extends object>(o: T, keys: readonly PropertyKey[]): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([k]) => keys.includes(k))) as Partial<T>;

const LAST_DATE = '2199-12-31';
const clampDate = (d: string): string => (d > LAST_DATE ? LAST_DATE : d);

/** A date `f` of the way from `from` to `to`. */
const dateAtFraction = (from: string, to: string, f: number): string => {
  const a = dayOfIsoDate(from);
  const b = Math.max(a, dayOfIsoDate(to));
  return isoDateOfDay(a + Math.round((b - a) * f));
};

const writtenAt = (date: string, time?: string): ExpirationInput => ({ kind: 'date', date: clampDate(date) as OrderDate, ...(time !== undefined ? { time } : {}) });

const issuedState = (s: OrderState) => (s.status === 'issued' ? s : undefined);

/** The concrete command an intent means for this order at this time. */
export const commandFromIntent = (intent: CommandIntent, ctx: IntentContext): OrderCommand => {
  const { orderId, at, state, base } = ctx;
  const head = { orderId, at };
  const issued = issuedState(state);
  const images = state.status === 'draft' || state.status === 'issued' ? state.images : [];
  switch (intent.kind) {
    case 'create-draft':
      return { type: 'CreateDraft', ...head, enteringAgencyOri: ctx.enteringAgencyOri, details: pick(base, intent.keep) };
    case 'update-draft':
      return { type: 'UpdateDraft', ...head, details: pick(base, intent.keep), ...(intent.clear.length > 0 ? { clear: [...intent.clear] } : {}) };
    case 'discard-draft':
      return { type: 'DiscardDraft', ...head, ...(intent.reason !== undefined ? { reason: intent.reason } : {}) };
    case 'add': {
      const draft = state.status === 'draft' ? state.details : {};
      const details = intent.onlyMissing ? pick(base, Object.keys(base).filter((k) => !(k in draft))) : base;
      return { type: 'AddOrder', ...head, enteringAgencyOri: ctx.enteringAgencyOri, details, ...(intent.source ? { source: intent.source } : {}) };
    }
    case 'clone':
      return {
        type: 'CloneOrder',
        ...head,
        enteringAgencyOri: ctx.enteringAgencyOri,
        source: { orderId: intent.sourceOrderId, issued: intent.issued, details: base },
        ...(intent.form !== undefined ? { form: intent.form } : {}),
      };
    case 'modify': {
      const details = issued?.details ?? base;
      const current = details as Record<string, unknown>;
      const resent = Object.fromEntries((intent.resend ?? []).filter((k) => current[k] !== undefined).map((k) => [k, reverseKeys(current[k])]));
      const changes: Record<string, unknown> = { ...resent, ...intent.changes };
      if (intent.expiration !== undefined) {
        const bounds = writtenExpirationBounds(details.form, details.issuedAt, details.hearing?.at);
        const date = bounds ? dateAtFraction(bounds.earliest, bounds.latest, intent.expiration.fraction) : addDays(californiaLocalDate(details.issuedAt), 14);
        changes.expiration = writtenAt(date, intent.expiration.time);
      }
      if (intent.continueHearingDays !== undefined && details.hearing !== undefined) {
        const continuedTo = clampDate(addDays(californiaLocalDate(details.hearing.at), intent.continueHearingDays));
        changes.hearing = { ...details.hearing, at: fromCaliforniaLocal(continuedTo, '08:30') };
      }
      return { type: 'ModifyOrder', ...head, changes: changes as OrderChanges, ...(intent.reason !== undefined ? { reason: intent.reason } : {}) };
    }
    case 'renew': {
      const today = californiaLocalDate(at);
      const expiresAt = issued?.expiresAt ?? null;
      const form = issued?.details.form ?? base.form;
      const rule = RENEWAL_RULES[formInfo(form).type];
      if (expiresAt === null || rule === undefined) {
        return { type: 'RenewOrder', ...head, requestFiledOn: today as OrderDate, expiration: intent.permanent ? { kind: 'non-expiring' } : writtenAt(addYears(today, 3), intent.time) };
      }
      const closes = californiaLocalDate(expiresAt);
      const opens = rule.windowMonths === null ? californiaLocalDate(issued?.details.issuedAt ?? base.issuedAt) : addMonths(closes, -rule.windowMonths);
      const lastFiling = closes < today ? closes : today;
      const requestFiledOn = lastFiling < opens ? lastFiling : dateAtFraction(opens, lastFiling, intent.filed);
      const earliest = rule.minYears !== null ? addYears(closes, rule.minYears) : addDays(closes, 1);
      const latest = addYears(closes, rule.maxYears ?? 10);
      return {
        type: 'RenewOrder',
        ...head,
        requestFiledOn: requestFiledOn as OrderDate,
        expiration: intent.permanent ? { kind: 'non-expiring' } : writtenAt(dateAtFraction(earliest, latest, intent.length), intent.time),
      };
    }
    case 'serve': {
      const issuedAt = issued?.details.issuedAt ?? base.issuedAt;
      const from = Date.parse(issuedAt);
      const until = Math.min(Date.parse(at), issued?.expiresAt ? Date.parse(issued.expiresAt) - 1 : Number.POSITIVE_INFINITY);
      const servedAt = intent.method === 'present-in-court' ? issuedAt : formatInstant(from + Math.max(0, until - from) * intent.when, 0, 'millis');
      const service: ServiceRecord = {
        serviceId: intent.serviceId,
        servedAt: servedAt as IsoDateTime,
        method: intent.method,
        servedBy: intent.servedBy,
        servingAgencyOri: intent.byEnteringAgency ? ((issued?.enteringAgencyOri ?? ctx.enteringAgencyOri) as Ori) : intent.otherAgencyOri,
      };
      return { type: 'RecordService', ...head, service };
    }
    case 'cancel':
      return {
        type: 'CancelOrder',
        ...head,
        reason: intent.reason,
        ...(intent.note !== undefined ? { note: intent.note } : {}),
        ...(intent.supersededBy !== undefined ? { supersededBy: intent.supersededBy } : {}),
      };
    case 'attach-image':
      return { type: 'AttachImage', ...head, image: intent.image };
    case 'replace-image': {
      const previous = images[intent.pick % Math.max(1, images.length)]?.sha256 ?? IMAGE_SHA_POOL[intent.pick % IMAGE_SHA_POOL.length] ?? '';
      return { type: 'ReplaceImage', ...head, previousSha256: previous, image: intent.image };
    }
    case 'remove-image': {
      const sha = images[intent.pick % Math.max(1, images.length)]?.sha256 ?? IMAGE_SHA_POOL[intent.pick % IMAGE_SHA_POOL.length] ?? '';
      return { type: 'RemoveImage', ...head, sha256: sha, reason: intent.reason };
    }
    case 'doj-ack': {
      const fcn = intent.sameFcn && issued?.doj.fcn !== undefined ? issued.doj.fcn : intent.fcn;
      return {
        type: 'RecordDojAcknowledgement',
        ...head,
        transaction: intent.transaction,
        messageId: intent.messageId,
        fcn: fcn as CommandOf<'RecordDojAcknowledgement'>['fcn'],
        ...(intent.nic !== undefined ? { nic: intent.nic as CommandOf<'RecordDojAcknowledgement'>['nic'] } : {}),
      };
    }
    case 'doj-reject':
      return { type: 'RecordDojRejection', ...head, transaction: intent.transaction, messageId: intent.messageId, errors: intent.errors };
    case 'doj-review': {
      const pending = issued?.doj.awaitingReview ?? [];
      const messageId = pending[intent.pick % Math.max(1, pending.length)] ?? MESSAGE_ID_POOL[intent.pick % MESSAGE_ID_POOL.length] ?? '';
      return { type: 'ReviewDojResponse', ...head, messageId, outcome: intent.outcome, ...(intent.note !== undefined ? { note: intent.note } : {}) };
    }
    case 'read-form': {
      const draft = state.status === 'draft' ? state : undefined;
      const form = intent.sameForm && draft?.details.form !== undefined ? draft.details.form : intent.reading.form;
      const sha = images[0]?.sha256 ?? IMAGE_SHA_POOL[0]!;
      return { type: 'ApplyFormReading', ...head, readingId: intent.readingId, imageSha256: sha, reading: { ...intent.reading, form } };
    }
    case 'review-reading': {
      const reading = state.status === 'draft' ? state.reading : undefined;
      const pending = pendingReadFields(reading).slice(0, intent.take);
      // Text that was not valid as read cannot be accepted: the clerk corrects it.
      const accept = intent.correct ? [] : pending.filter((p) => p.reason !== 'not-valid').map((p) => p.field);
      const correct = pending.map((p) => p.field).filter((f) => !accept.includes(f));
      return {
        type: 'ReviewReadFields',
        ...head,
        readingId: (reading?.readingId ?? orderId) as OrderId,
        ...(accept.length > 0 ? { accept } : {}),
        ...(correct.length > 0 ? { correct } : {}),
      };
    }
    case 'firearm-receipt':
    case 'court-filing': {
      // Some time between issue and now.
      const from = Date.parse(issued?.details.issuedAt ?? base.issuedAt);
      const filedAt = formatInstant(from + Math.max(0, Date.parse(at) - from) * intent.when, 0, 'millis') as IsoDateTime;
      return intent.kind === 'firearm-receipt'
        ? { type: 'RecordFirearmReceipt', ...head, receipt: { ...intent.receipt, filedAt } }
        : { type: 'RecordCourtFiling', ...head, filedAt };
    }
    case 'any':
      return { ...intent.command, ...head } as OrderCommand;
  }
};

/** Commands that fit an order's current state and time (and, through the `any` intent, some that do not). */
export const validLookingCommandArb = (ctx: IntentContext, weights?: Partial<Record<CommandIntentKind, number>>): fc.Arbitrary<OrderCommand> =>
  commandIntentArb(weights).map((intent) => commandFromIntent(intent, ctx));
