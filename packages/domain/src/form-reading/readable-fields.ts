import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as t from 'io-ts';
import { fromCaliforniaLocal } from '../calendar/california-time';
import { decodeWith } from '../errors/decode-error';
import { type DraftDetails, ExpirationInput, Hearing } from '../order/order-details';
import { FormNumber } from '../order/order-forms';
import { Provision } from '../order/provisions';
import { Height, Weight } from '../value-objects/body';
import { CaseNumber } from '../value-objects/case-number';
import { DateOfBirth } from '../value-objects/date-of-birth';
import { IsoDateTime, OrderDate } from '../value-objects/dates';
import { EyeCode, HairCode, RaceCode, SexCode } from '../value-objects/ncic-codes';
import { PersonName } from '../value-objects/person-name';
import { cleanText, readCount, readDate, readEyes, readHair, readHeight, readRace, readSex, readTime, splitFullName } from './printed-values';

/**
 * The order fields a form can fill, each with how its printed parts become the registry's value
 * and where that value sits in a draft. A form layout names, for each box or check box on the
 * form, the field it fills and the part of it (a name's last, first and middle; a date and a
 * time). Nothing here knows a form: the layouts are data in the adapters, checked against this
 * list when they load.
 */
export const READABLE_FIELD_IDS = [
  'form',
  'caseNumber',
  'judicialOfficer',
  'issuedAt',
  'expiration',
  'hearing',
  'restrainedPerson.name',
  'restrainedPerson.dateOfBirth',
  'restrainedPerson.sex',
  'restrainedPerson.race',
  'restrainedPerson.height',
  'restrainedPerson.weight',
  'restrainedPerson.eyes',
  'restrainedPerson.hair',
  'restrainedPerson.relationship',
  'protectedPersons.0.name',
  'protectedPersons.0.dateOfBirth',
  'protectedPersons.0.sex',
  'protectedPersons.1.name',
  'protectedPersons.1.dateOfBirth',
  'protectedPersons.2.name',
  'protectedPersons.2.dateOfBirth',
  'petitioner.name',
  'provisions.personal-conduct',
  'provisions.no-contact',
  'provisions.peaceful-contact-only',
  'provisions.stay-away',
  'provisions.residence-exclusion',
  'provisions.firearm-relinquishment',
  'provisions.custody-visitation-carve-out',
  'serviceByMailPermitted',
  'terms',
] as const;

export type ReadableFieldId = (typeof READABLE_FIELD_IDS)[number];
export const ReadableFieldId = t.keyof(
  Object.fromEntries(READABLE_FIELD_IDS.map((id) => [id, null])) as Record<ReadableFieldId, null>,
  'ReadableFieldId',
);

/** What was read for one field, part by part: text from a box, true/false from a check box. */
export type ReadParts = Readonly<Record<string, string | boolean | undefined>>;

type Loose = Record<string, unknown>;

export interface ReadableField {
  readonly id: ReadableFieldId;
  /** How the clerk sees the field named. */
  readonly label: string;
  /** The parts a layout may read for this field; the first is the one a single box fills. */
  readonly parts: readonly string[];
  /**
   * What it means when nothing is read: a text box left blank says nothing, so the draft keeps
   * what it has; an unchecked box says the provision was not ordered.
   */
  readonly absent: 'not-written' | 'not-ordered';
  /** The registry's value from the parts read; `undefined` when the form holds nothing for it. */
  readonly decode: (parts: ReadParts) => E.Either<string, unknown>;
  readonly get: (details: DraftDetails) => unknown;
  /** The details with this field set (or removed, for `undefined`); may be invalid until the rest is there. */
  readonly set: (details: DraftDetails, value: unknown) => DraftDetails;
}

// ---------------------------------------------------------------------------------------------
// Decoding the parts

const validated =
  <A>(codec: t.Type<A, unknown, unknown>) =>
  (value: unknown): E.Either<string, A> =>
    pipe(
      decodeWith(codec)(value),
      E.mapLeft((e) => e.message),
    );

const textOf = (v: string | boolean | undefined): string | undefined => {
  if (typeof v !== 'string') return undefined;
  const s = cleanText(v);
  return s === '' ? undefined : s;
};

const CHECKED_TEXT = /^(X|✓|✔|☒|YES|TRUE|ON|CHECKED)$/i;
const checked = (v: string | boolean | undefined): boolean => (typeof v === 'boolean' ? v : v !== undefined && CHECKED_TEXT.test(cleanText(v)));

const nothing = E.right<string, unknown>(undefined);

const text =
  <A>(codec: t.Type<A, unknown, unknown>, read: (s: string) => E.Either<string, unknown> = E.right) =>
  (parts: ReadParts): E.Either<string, unknown> => {
    const s = textOf(parts.value);
    return s === undefined ? nothing : pipe(read(s), E.chain(validated(codec)));
  };

const name = (parts: ReadParts): E.Either<string, unknown> => {
  const full = textOf(parts.full ?? parts.value);
  const last = textOf(parts.last);
  const first = textOf(parts.first);
  const middle = textOf(parts.middle);
  if (full === undefined && last === undefined && first === undefined && middle === undefined) return nothing;
  if (full !== undefined && last === undefined && first === undefined) return pipe(splitFullName(full), E.chain(validated(PersonName)));
  if (last === undefined || first === undefined) return E.left(`a name needs a last and a first name; read "${[last, first, middle].filter(Boolean).join(' ')}"`);
  return validated(PersonName)({ last, first, ...(middle !== undefined ? { middle } : {}) });
};

const date =
  <A>(codec: t.Type<A, unknown, unknown>) =>
  (parts: ReadParts): E.Either<string, unknown> => {
    const s = textOf(parts.value ?? parts.date);
    return s === undefined ? nothing : pipe(readDate(s), E.chain(validated(codec)));
  };

/** A date with an optional time, on California's wall clock. */
const dateAndTime = (parts: ReadParts): E.Either<string, { date: string; time?: string } | undefined> => {
  const d = textOf(parts.date);
  const tm = textOf(parts.time);
  if (d === undefined && tm === undefined) return E.right(undefined);
  if (d === undefined) return E.left(`a time (${tm}) was read without its date`);
  return pipe(
    readDate(d),
    E.chain(validated(OrderDate)),
    E.chain((date) =>
      tm === undefined
        ? E.right({ date })
        : pipe(
            readTime(tm),
            E.map((time) => ({ date, time })),
          ),
    ),
  );
};

/** The issue instant: the date the judicial officer signed, at the time written, or the day's start (as the historical import does). */
const issuedAt = (parts: ReadParts): E.Either<string, unknown> =>
  pipe(
    dateAndTime(parts),
    E.chain((dt) => (dt === undefined ? nothing : validated(IsoDateTime)(fromCaliforniaLocal(dt.date, dt.time ?? '00:00')))),
  );

const expiration = (parts: ReadParts): E.Either<string, unknown> =>
  pipe(
    dateAndTime(parts),
    E.chain((dt) => (dt === undefined ? nothing : validated(ExpirationInput)({ kind: 'date', ...dt }))),
  );

/** The hearing: 08:30 when the form gives no time, as the historical import assumes. */
const hearing = (parts: ReadParts): E.Either<string, unknown> =>
  pipe(
    dateAndTime(parts),
    E.chain((dt) => {
      if (dt === undefined) return nothing;
      const department = textOf(parts.department);
      return validated(Hearing)({ at: fromCaliforniaLocal(dt.date, dt.time ?? '08:30'), ...(department !== undefined ? { department } : {}) });
    }),
  );

const checkBox =
  (build: () => unknown) =>
  (parts: ReadParts): E.Either<string, unknown> =>
    checked(parts.value) ? E.right(build()) : nothing;

export const STAY_AWAY_PLACES = ['person', 'home', 'workplace', 'school', 'vehicle', 'childrens-school', 'childcare', 'other'] as const;

const stayAway = (parts: ReadParts): E.Either<string, unknown> => {
  if (!checked(parts.value)) return nothing;
  const yards = textOf(parts.yards);
  if (yards === undefined) return E.left('the stay-away box is checked but no distance in yards was read');
  const places = STAY_AWAY_PLACES.filter((p) => checked(parts[`place-${p}`]));
  return pipe(
    readCount(yards),
    E.chain((distanceYards) => validated(Provision)({ kind: 'stay-away', distanceYards, places })),
  );
};

/** Firearms: within the hours written, or 24 hours when the form prints none (Fam. Code 6389). */
const firearms = (parts: ReadParts): E.Either<string, unknown> => {
  if (!checked(parts.value)) return nothing;
  const hours = textOf(parts.hours);
  return pipe(
    hours === undefined ? E.right(24) : readCount(hours),
    E.chain((withinHours) => validated(Provision)({ kind: 'firearm-relinquishment', withinHours })),
  );
};

const formNumber = (parts: ReadParts): E.Either<string, unknown> => {
  const s = textOf(parts.value);
  if (s === undefined) return nothing;
  const m = /^([A-Z]{2,3})\s*-?\s*(\d{3})$/i.exec(s);
  return validated(FormNumber)(m ? `${m[1]!.toUpperCase()}-${m[2]}` : s);
};

// ---------------------------------------------------------------------------------------------
// Where each value sits in a draft

const loose = (d: DraftDetails): Loose => d as Loose;
const typed = (d: Loose): DraftDetails => d as DraftDetails;

const without = (o: Loose, key: string): Loose => {
  const { [key]: _gone, ...rest } = o;
  return rest;
};

const top = (key: keyof DraftDetails) => ({
  get: (d: DraftDetails): unknown => loose(d)[key],
  set: (d: DraftDetails, v: unknown): DraftDetails => typed(v === undefined ? without(loose(d), key) : { ...loose(d), [key]: v }),
});

const restrained = (key: string) => ({
  get: (d: DraftDetails): unknown => (d.restrainedPerson as Loose | undefined)?.[key],
  set: (d: DraftDetails, v: unknown): DraftDetails => {
    const person = (loose(d).restrainedPerson ?? {}) as Loose;
    const next = v === undefined ? without(person, key) : { ...person, [key]: v };
    return typed(Object.keys(next).length === 0 ? without(loose(d), 'restrainedPerson') : { ...loose(d), restrainedPerson: next });
  },
});

/**
 * A protected person the form names. A person the reading adds is marked confidential until
 * the clerk says otherwise: the form does not say, and hiding a person by mistake is the safer
 * error (Fam. Code 6301.5).
 */
const protectedPerson = (index: number, key: string) => ({
  get: (d: DraftDetails): unknown => (d.protectedPersons?.[index] as Loose | undefined)?.[key],
  set: (d: DraftDetails, v: unknown): DraftDetails => {
    const list = [...((loose(d).protectedPersons ?? []) as Loose[])];
    const person = list[index] ?? { confidential: true, minor: false };
    const next = v === undefined ? without(person, key) : { ...person, [key]: v };
    list[index] = next;
    while (list.length > 0 && Object.keys(list[list.length - 1]!).every((k) => k === 'confidential' || k === 'minor')) list.pop();
    return typed(list.length === 0 ? without(loose(d), 'protectedPersons') : { ...loose(d), protectedPersons: list });
  },
});

const provision = (kind: string) => ({
  get: (d: DraftDetails): unknown => d.provisions?.find((p) => p.kind === kind),
  set: (d: DraftDetails, v: unknown): DraftDetails => {
    const list = (d.provisions ?? []) as Loose[];
    const at = list.findIndex((p) => p.kind === kind);
    const next = v === undefined ? list.filter((_, i) => i !== at) : at < 0 ? [...list, v as Loose] : list.map((p, i) => (i === at ? (v as Loose) : p));
    return typed(next.length === 0 ? without(loose(d), 'provisions') : { ...loose(d), provisions: next });
  },
});

const petitionerName = {
  get: (d: DraftDetails): unknown => (d.petitioner?.kind === 'person' ? d.petitioner.name : undefined),
  set: (d: DraftDetails, v: unknown): DraftDetails => typed(v === undefined ? without(loose(d), 'petitioner') : { ...loose(d), petitioner: { kind: 'person', name: v } }),
};

const TEXT = ['value'] as const;
const NAME = ['full', 'last', 'first', 'middle'] as const;
const DATE_TIME = ['date', 'time'] as const;

const field = (
  id: ReadableFieldId,
  label: string,
  parts: readonly string[],
  decode: ReadableField['decode'],
  at: Pick<ReadableField, 'get' | 'set'>,
  absent: ReadableField['absent'] = 'not-written',
): ReadableField => ({ id, label, parts, decode, absent, ...at });

const personFields = (who: 'restrainedPerson' | `protectedPersons.${number}`, label: string, at: (key: string) => Pick<ReadableField, 'get' | 'set'>) => ({
  name: field(`${who}.name` as ReadableFieldId, `${label}: name`, NAME, name, at('name')),
  dateOfBirth: field(`${who}.dateOfBirth` as ReadableFieldId, `${label}: date of birth`, TEXT, date(DateOfBirth), at('dateOfBirth')),
  sex: field(`${who}.sex` as ReadableFieldId, `${label}: sex`, TEXT, text(SexCode, readSex), at('sex')),
});

const restrainedFields = personFields('restrainedPerson', 'Restrained person', restrained);
const protectedFields = [0, 1, 2].map((i) => personFields(`protectedPersons.${i}`, i === 0 ? 'Protected person' : `Protected person ${i + 1}`, (k) => protectedPerson(i, k)));

export const READABLE_FIELDS: readonly ReadableField[] = [
  field('form', 'Form', TEXT, formNumber, top('form')),
  field('caseNumber', 'Case number', TEXT, text(CaseNumber), top('caseNumber')),
  field('judicialOfficer', 'Judicial officer', TEXT, text(t.string, (s) => (s.length <= 80 ? E.right(s) : E.left('a judicial officer’s name of at most 80 characters'))), top('judicialOfficer')),
  field('issuedAt', 'Date (and time) issued', DATE_TIME, issuedAt, top('issuedAt')),
  field('expiration', 'Expiration', DATE_TIME, expiration, top('expiration')),
  field('hearing', 'Hearing', [...DATE_TIME, 'department'], hearing, top('hearing')),
  restrainedFields.name,
  restrainedFields.dateOfBirth,
  restrainedFields.sex,
  field('restrainedPerson.race', 'Restrained person: race', TEXT, text(RaceCode, readRace), restrained('race')),
  field('restrainedPerson.height', 'Restrained person: height', TEXT, text(Height, readHeight), restrained('height')),
  field('restrainedPerson.weight', 'Restrained person: weight', TEXT, text(Weight, (s) => pipe(readCount(s), E.map(String))), restrained('weight')),
  field('restrainedPerson.eyes', 'Restrained person: eye color', TEXT, text(EyeCode, readEyes), restrained('eyes')),
  field('restrainedPerson.hair', 'Restrained person: hair color', TEXT, text(HairCode, readHair), restrained('hair')),
  field('restrainedPerson.relationship', 'Restrained person: relationship to the protected person', TEXT, text(t.string, (s) => (s.length <= 60 ? E.right(s) : E.left('a relationship of at most 60 characters'))), restrained('relationship')),
  protectedFields[0]!.name,
  protectedFields[0]!.dateOfBirth,
  protectedFields[0]!.sex,
  protectedFields[1]!.name,
  protectedFields[1]!.dateOfBirth,
  protectedFields[2]!.name,
  protectedFields[2]!.dateOfBirth,
  field('petitioner.name', 'Petitioner: name', NAME, name, petitionerName),
  field('provisions.personal-conduct', 'Personal-conduct orders', TEXT, checkBox(() => ({ kind: 'personal-conduct' })), provision('personal-conduct'), 'not-ordered'),
  field('provisions.no-contact', 'No contact', TEXT, checkBox(() => ({ kind: 'no-contact' })), provision('no-contact'), 'not-ordered'),
  field('provisions.peaceful-contact-only', 'Peaceful contact only', TEXT, checkBox(() => ({ kind: 'peaceful-contact-only' })), provision('peaceful-contact-only'), 'not-ordered'),
  field('provisions.stay-away', 'Stay-away order', ['value', 'yards', ...STAY_AWAY_PLACES.map((p) => `place-${p}`)], stayAway, provision('stay-away'), 'not-ordered'),
  field('provisions.residence-exclusion', 'Move-out order', TEXT, checkBox(() => ({ kind: 'residence-exclusion' })), provision('residence-exclusion'), 'not-ordered'),
  field('provisions.firearm-relinquishment', 'No guns or ammunition: relinquish', ['value', 'hours'], firearms, provision('firearm-relinquishment'), 'not-ordered'),
  field('provisions.custody-visitation-carve-out', 'Contact allowed for court-ordered visitation', TEXT, checkBox(() => ({ kind: 'custody-visitation-carve-out' })), provision('custody-visitation-carve-out'), 'not-ordered'),
  field('serviceByMailPermitted', 'Service by mail permitted', TEXT, checkBox(() => true), top('serviceByMailPermitted'), 'not-ordered'),
  field('terms', 'Other orders (terms)', TEXT, text(t.string, (s) => (s.length <= 4000 ? E.right(s) : E.left('terms of at most 4000 characters'))), top('terms')),
];

const BY_ID = new Map(READABLE_FIELDS.map((f) => [f.id, f]));

export const readableField = (id: ReadableFieldId): ReadableField => BY_ID.get(id)!;

/** The top-level draft key a field lives under (a person's date of birth lives in the person). */
export const draftKeyOf = (id: ReadableFieldId): keyof DraftDetails => id.split('.')[0] as keyof DraftDetails;

/** Human text for what was read, for the clerk and the log: "SMITH, JOHN A", "checked", "03/14/2029 5:00 PM". */
export const showParts = (parts: ReadParts): string => {
  if (parts.last !== undefined || parts.first !== undefined) {
    const rest = [parts.first, parts.middle].filter((p): p is string => typeof p === 'string' && p.trim() !== '').join(' ');
    return cleanText(`${typeof parts.last === 'string' ? parts.last : ''}${rest ? `, ${rest}` : ''}`);
  }
  const shown: string[] = [];
  for (const [part, v] of Object.entries(parts)) {
    if (v === undefined) continue;
    if (typeof v === 'boolean') {
      if (part === 'value') shown.push(v ? 'checked' : 'not checked');
      else if (v) shown.push(part.replace(/^place-/, ''));
    } else if (cleanText(v) !== '') shown.push(part === 'yards' ? `${cleanText(v)} yards` : part === 'hours' ? `${cleanText(v)} hours` : cleanText(v));
  }
  return shown.join(', ');
};
