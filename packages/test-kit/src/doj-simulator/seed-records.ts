import { createCodec, messageKeysFor, type Dictionary, type MessageField } from '@ccpor/carpos-protocol';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { PathReporter } from 'io-ts/PathReporter';
import { type IdentifierAuthority, isValidNic } from './identifiers';
import { type DojRecord, type DojRecordStore, isServiceField } from './record-store';

/**
 * Records DOJ holds that the registry did not send: orders keyed at a CLETS terminal by a
 * county that does not use the registry, or records that drifted from the registry's copy. A
 * seed file is JSON Lines (one record a line) or a JSON array of:
 *
 *   { "enteringOri": "CA0300000", "fields": { "NAM": "GARCIA,MIGUEL", "PCO": ["01", "07"], … },
 *     "fcn"?: "…13 digits", "nic"?: "H…", "status"?: "active" | "cleared" | "cancelled",
 *     "enteredOn"?: "CCYYMMDD", "updatedOn"?: "CCYYMMDD", "enteredWith"?: "EPO" }
 *
 * `fields` are dictionary field codes with a value or a list of values. They must make a valid
 * entry for the dictionary (what DOJ would have accepted); FCN and NIC are assigned when absent.
 */
const FieldValues = t.union([t.string, t.array(t.string)]);
const Day = t.refinement(t.string, (s) => /^\d{8}$/.test(s), 'CCYYMMDD');

export const SeedRecordC = t.intersection(
  [
    t.type({ enteringOri: t.string, fields: t.record(t.string, FieldValues) }),
    t.partial({
      fcn: t.refinement(t.string, (s) => /^\d{13}$/.test(s), 'FCN (13 digits)'),
      nic: t.refinement(t.string, isValidNic, 'NIC (a letter and nine digits, check digit right)'),
      status: t.keyof({ active: null, cleared: null, cancelled: null }),
      enteredOn: Day,
      updatedOn: Day,
      enteredWith: t.string,
    }),
  ],
  'SeedRecord',
);
export type SeedRecord = t.TypeOf<typeof SeedRecordC>;

export interface SeedProblem {
  /** Zero-based index of the record in the file (its line number minus one for JSON Lines). */
  readonly index: number;
  readonly message: string;
}

/** Reads a seed file's text: a JSON array, or one JSON object a line (blank lines ignored). */
export const parseSeedText = (text: string): E.Either<SeedProblem[], unknown[]> => {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      return Array.isArray(parsed) ? E.right(parsed) : E.left([{ index: 0, message: 'a JSON seed file is an array of records' }]);
    } catch (error) {
      return E.left([{ index: 0, message: `not JSON: ${(error as Error).message}` }]);
    }
  }
  const records: unknown[] = [];
  const problems: SeedProblem[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      records.push(JSON.parse(line) as unknown);
    } catch (error) {
      problems.push({ index, message: `line ${index + 1} is not JSON: ${(error as Error).message}` });
    }
  });
  return problems.length > 0 ? E.left(problems) : E.right(records);
};

/**
 * Checks every record (shape, then the dictionary's rules for an entry, then unique record
 * numbers) and adds them all, or none when any is wrong.
 */
export const seedRecords = (
  input: readonly unknown[],
  store: DojRecordStore,
  ids: IdentifierAuthority,
  dictionary: Dictionary,
  today: string,
): E.Either<SeedProblem[], DojRecord[]> => {
  const codec = createCodec(dictionary);
  const enterKey = messageKeysFor(dictionary, 'enter')[0] ?? '';
  const problems: SeedProblem[] = [];
  const valid: { index: number; seed: SeedRecord; fields: MessageField[] }[] = [];
  const fcns = new Set<string>();
  const nics = new Set<string>();
  input.forEach((raw, index) => {
    const decoded = SeedRecordC.decode(raw);
    if (E.isLeft(decoded)) {
      problems.push({ index, message: PathReporter.report(decoded).join('; ') });
      return;
    }
    const seed = decoded.right;
    const fields: MessageField[] = Object.entries(seed.fields).map(([code, values]) => ({ code, values: typeof values === 'string' ? [values] : values }));
    const ordered = orderFields(dictionary, enterKey, fields);
    const errors = codec.validate({ key: seed.enteredWith ?? enterKey, ori: seed.enteringOri, fields: ordered });
    if (errors.length > 0) problems.push({ index, message: errors.map((e) => e.message).join('; ') });
    for (const [number, seen, taken, label] of [
      [seed.fcn, fcns, (n: string) => store.hasFcn(n), 'FCN'],
      [seed.nic, nics, (n: string) => store.hasNic(n), 'NIC'],
    ] as const) {
      if (number === undefined) continue;
      if (seen.has(number) || taken(number)) problems.push({ index, message: `${label} ${number} is already on file` });
      seen.add(number);
    }
    valid.push({ index, seed, fields: ordered });
  });
  if (problems.length > 0) return E.left(problems);
  const added = valid.map(({ seed, fields }): DojRecord => {
    const map = new Map(fields.map((f) => [f.code, f.values] as const));
    const record: DojRecord = {
      fcn: seed.fcn ?? ids.nextFcn(seed.enteringOri, (n) => store.hasFcn(n)),
      nic: seed.nic ?? ids.nextNic((n) => store.hasNic(n)),
      enteringOri: seed.enteringOri,
      enteredWith: seed.enteredWith ?? enterKey,
      status: seed.status ?? 'active',
      fields: map,
      services: map.has('SDT') ? [{ servingOri: map.get('SAG')?.[0] ?? seed.enteringOri, fields: fields.filter((f) => isServiceField(f.code)) }] : [],
      enteredOn: seed.enteredOn ?? today,
      updatedOn: seed.updatedOn ?? seed.enteredOn ?? today,
    };
    store.add(record);
    return record;
  });
  return E.right(added);
};

/** Fields in the order the entry message lists them, so a record reads the same however the file wrote it. */
const orderFields = (dictionary: Dictionary, key: string, fields: readonly MessageField[]): MessageField[] => {
  const order = (dictionary.messages[key]?.fields ?? []).map((rule) => rule.code);
  const rank = (code: string): number => {
    const at = order.indexOf(code);
    return at === -1 ? order.length : at;
  };
  return [...fields].sort((a, b) => rank(a.code) - rank(b.code));
};
