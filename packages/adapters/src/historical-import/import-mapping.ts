import { readFile } from 'node:fs/promises';
import * as t from 'io-ts';
import { left, right, type Either } from 'fp-ts/Either';
import { decodeExact } from '@ccpor/domain';

/**
 * The fields a historical row can carry. Names on the left are the registry's; the mapping
 * file says which source column holds each one (the historical load of the CCPOR Court Planning Guide; docs/ccpor-programme.md).
 */
export const HISTORICAL_FIELDS = [
  'sourceRecordId',
  'form',
  'caseNumber',
  'courtOri',
  'courtCounty',
  'courtName',
  'enteringAgencyOri',
  'issuedDate',
  'issuedTime',
  'expirationDate',
  'hearingDate',
  'hearingTime',
  'judicialOfficer',
  'terms',
  'sealed',
  'restrainedLast',
  'restrainedFirst',
  'restrainedMiddle',
  'restrainedDob',
  'restrainedSex',
  'restrainedRace',
  'restrainedHeight',
  'restrainedWeight',
  'restrainedEyes',
  'restrainedHair',
  'protectedLast',
  'protectedFirst',
  'protectedDob',
  'protectedSex',
  'protectedMinor',
  'protectedConfidential',
  'servedDate',
  'servedTime',
  'serviceMethod',
  'servedBy',
  'servingAgencyOri',
  'canceledDate',
  'cancelReason',
  'cancelNote',
] as const;
export type HistoricalField = (typeof HISTORICAL_FIELDS)[number];

export const REQUIRED_FIELDS: readonly HistoricalField[] = [
  'sourceRecordId',
  'form',
  'caseNumber',
  'issuedDate',
  'restrainedLast',
  'restrainedFirst',
  'protectedLast',
  'protectedFirst',
];

/** Fields whose source values can be translated by a code map (local code → registry/NCIC code). */
export const CODED_FIELDS = ['form', 'restrainedSex', 'restrainedRace', 'restrainedEyes', 'restrainedHair', 'protectedSex', 'serviceMethod', 'cancelReason', 'courtCounty'] as const;

export const ImportMapping = t.intersection([
  t.type({
    /** Names the source in every imported order (`source.sourceSystem`) and in its id. */
    sourceSystem: t.refinement(t.string, (s) => s.trim().length > 0 && s.length <= 64, 'source system (1–64 characters)'),
    columns: t.record(t.string, t.string),
  }),
  t.partial({
    /** Values used when a row has no column for the field (e.g. the one court whose archive this is). */
    defaults: t.record(t.string, t.string),
    /** Per field, source value → registry value; a value missing from a map is passed through. */
    codes: t.record(t.string, t.record(t.string, t.string)),
    /** How dates are written in the source. */
    dateFormat: t.keyof({ 'YYYY-MM-DD': null, 'MM/DD/YYYY': null, YYYYMMDD: null }),
    /** Wall-clock time (California) used when a row has a date but no time. Default 00:00 for issue, 12:00 for service. */
    defaultTime: t.string,
    /** Values read as true in flag columns (sealed, minor, confidential). Default Y, YES, TRUE, 1. */
    trueValues: t.array(t.string),
  }),
]);
type MappingShape = t.TypeOf<typeof ImportMapping>;
export interface ImportMapping extends Omit<MappingShape, 'columns' | 'defaults'> {
  readonly columns: Readonly<Partial<Record<HistoricalField, string>>>;
  readonly defaults?: Readonly<Partial<Record<HistoricalField, string>>>;
}

/** Reads and checks a mapping file; every required field must have a column or a default. */
export const loadImportMapping = async (path: string): Promise<Either<string, ImportMapping>> => {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    return left(`mapping file ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return checkImportMapping(json);
};

export const checkImportMapping = (json: unknown): Either<string, ImportMapping> => {
  // Exactly: a misspelt option ("dateFormt") is refused, not silently ignored.
  const decoded = decodeExact(ImportMapping)(json);
  if (decoded._tag === 'Left') return left(`mapping: ${decoded.left.message}`);
  const m = decoded.right as ImportMapping;
  for (const key of [...Object.keys(m.columns), ...Object.keys(m.defaults ?? {})]) {
    if (!(HISTORICAL_FIELDS as readonly string[]).includes(key)) return left(`mapping: unknown field ${JSON.stringify(key)} (known: ${HISTORICAL_FIELDS.join(', ')})`);
  }
  const missing = REQUIRED_FIELDS.filter((f) => m.columns[f] === undefined && m.defaults?.[f] === undefined);
  if (missing.length > 0) return left(`mapping: no column or default for ${missing.join(', ')}`);
  for (const field of Object.keys(m.codes ?? {})) {
    if (!(CODED_FIELDS as readonly string[]).includes(field)) return left(`mapping: codes for ${field}, which takes no code values (coded: ${CODED_FIELDS.join(', ')})`);
  }
  return right(m);
};
