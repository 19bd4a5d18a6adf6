import { v5 as uuidv5 } from 'uuid';
import { decodeWith, fromCaliforniaLocal, OrderDetails, ServiceRecord, CancelReason, Ori, type DomainError } from '@ccpor/domain';
import type { HistoricalField, ImportMapping } from './import-mapping';

/** Namespace of historical order ids: UUID v5 of `<sourceSystem>\u0000<sourceRecordId>`. */
export const HISTORICAL_ORDER_NAMESPACE = 'b3a0c3d1-54f2-5c8e-8a31-0f6d2c9e7a14';

export const historicalOrderId = (sourceSystem: string, sourceRecordId: string): string =>
  uuidv5(`${sourceSystem}\u0000${sourceRecordId}`, HISTORICAL_ORDER_NAMESPACE);

/** One problem with one row, precise enough for a clerk to fix the source. */
export interface RowProblem {
  readonly row: number;
  readonly sourceRecordId?: string;
  /** The source column at fault, when one is. */
  readonly column?: string;
  readonly field?: string;
  readonly code: string;
  readonly reason: string;
}

export interface PlannedRow {
  readonly row: number;
  readonly sourceRecordId: string;
  readonly orderId: string;
  readonly enteringAgencyOri: string;
  readonly details: OrderDetails;
  readonly issuedAt: string;
  readonly service?: { readonly at: string; readonly record: ServiceRecord };
  readonly cancel?: { readonly at: string; readonly reason: CancelReason; readonly note?: string };
}

/** Where an OrderDetails path comes from, so a decode failure names the source column. */
const PATH_FIELDS: readonly (readonly [string, HistoricalField])[] = [
  ['restrainedPerson.name.last', 'restrainedLast'],
  ['restrainedPerson.name.first', 'restrainedFirst'],
  ['restrainedPerson.name.middle', 'restrainedMiddle'],
  ['restrainedPerson.dateOfBirth', 'restrainedDob'],
  ['restrainedPerson.sex', 'restrainedSex'],
  ['restrainedPerson.race', 'restrainedRace'],
  ['restrainedPerson.height', 'restrainedHeight'],
  ['restrainedPerson.weight', 'restrainedWeight'],
  ['restrainedPerson.eyes', 'restrainedEyes'],
  ['restrainedPerson.hair', 'restrainedHair'],
  ['protectedPersons.0.name.last', 'protectedLast'],
  ['protectedPersons.0.name.first', 'protectedFirst'],
  ['protectedPersons.0.dateOfBirth', 'protectedDob'],
  ['protectedPersons.0.sex', 'protectedSex'],
  ['court.ori', 'courtOri'],
  ['court.county', 'courtCounty'],
  ['court.name', 'courtName'],
  ['expiration', 'expirationDate'],
  ['hearing', 'hearingDate'],
  ['issuedAt', 'issuedDate'],
  ['caseNumber', 'caseNumber'],
  ['form', 'form'],
  ['judicialOfficer', 'judicialOfficer'],
  ['terms', 'terms'],
  ['service.servedAt', 'servedDate'],
  ['service.method', 'serviceMethod'],
  ['service.servedBy.name', 'servedBy'],
  ['service.servingAgencyOri', 'servingAgencyOri'],
  ['reason', 'cancelReason'],
];

export const fieldOfPath = (path: string | undefined): HistoricalField | undefined =>
  path === undefined ? undefined : PATH_FIELDS.find(([p]) => path === p || path.startsWith(`${p}.`))?.[1];

class RowError extends Error {
  constructor(
    readonly field: HistoricalField | undefined,
    readonly code: string,
    reason: string,
  ) {
    super(reason);
  }
}

const DEFAULT_TRUE = ['Y', 'YES', 'TRUE', 'T', '1'];

/**
 * Turns one source row into the registry's commands, or the problems that stop it. Values are
 * looked up through the mapping (column, then default), translated by the code maps, and the
 * order is decoded with the very codec the registry uses, so the rules cannot drift.
 */
export const createRowMapper = (mapping: ImportMapping) => {
  const trueValues = new Set((mapping.trueValues ?? DEFAULT_TRUE).map((v) => v.toUpperCase()));
  const columnOf = (field: HistoricalField | undefined): string | undefined => (field ? mapping.columns[field] : undefined);

  const problem = (row: number, sourceRecordId: string | undefined, field: HistoricalField | undefined, code: string, reason: string): RowProblem => {
    const column = columnOf(field);
    return { row, ...(sourceRecordId ? { sourceRecordId } : {}), ...(column ? { column } : {}), ...(field ? { field } : {}), code, reason };
  };

  const parseDate = (field: HistoricalField, raw: string): string => {
    const s = raw.trim();
    const fmt = mapping.dateFormat ?? 'YYYY-MM-DD';
    const m =
      fmt === 'YYYY-MM-DD' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(s) : fmt === 'YYYYMMDD' ? /^(\d{4})(\d{2})(\d{2})$/.exec(s) : /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
    if (!m) throw new RowError(field, 'INVALID_DATE', `${JSON.stringify(raw)} is not a date in the ${fmt} format`);
    const [y, mo, d] = fmt === 'MM/DD/YYYY' ? [m[3]!, m[1]!.padStart(2, '0'), m[2]!.padStart(2, '0')] : [m[1]!, m[2]!, m[3]!];
    const iso = `${y}-${mo}-${d}`;
    const check = new Date(`${iso}T00:00:00Z`);
    if (Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== iso) throw new RowError(field, 'INVALID_DATE', `${JSON.stringify(raw)} is not a real calendar date`);
    return iso;
  };

  const parseTime = (field: HistoricalField, raw: string | undefined, fallback: string): string => {
    const s = (raw ?? '').trim() || fallback;
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(s)) throw new RowError(field, 'INVALID_TIME', `${JSON.stringify(s)} is not a time HH:MM`);
    return s;
  };

  const instant = (dateField: HistoricalField, date: string, timeField: HistoricalField, time: string | undefined, fallback: string): string => {
    const day = parseDate(dateField, date);
    try {
      return fromCaliforniaLocal(day, parseTime(timeField, time, fallback));
    } catch (error) {
      throw new RowError(dateField, 'INVALID_DATE', error instanceof Error ? error.message : String(error));
    }
  };

  return (row: number, record: Readonly<Record<string, string>>): { ok: PlannedRow } | { problems: RowProblem[] } => {
    const raw = (field: HistoricalField): string | undefined => {
      const column = mapping.columns[field];
      const value = column !== undefined ? record[column] : undefined;
      const text = value === undefined || value.trim() === '' ? mapping.defaults?.[field] : value.trim();
      return text === undefined || text === '' ? undefined : text;
    };
    const coded = (field: HistoricalField): string | undefined => {
      const v = raw(field);
      if (v === undefined) return undefined;
      return mapping.codes?.[field]?.[v] ?? mapping.codes?.[field]?.[v.toUpperCase()] ?? v;
    };
    const flag = (field: HistoricalField): boolean => trueValues.has((raw(field) ?? '').toUpperCase());
    const sourceRecordId = raw('sourceRecordId');
    try {
      if (sourceRecordId === undefined) throw new RowError('sourceRecordId', 'MISSING_VALUE', 'the source record id is empty');
      const issuedDate = raw('issuedDate');
      if (issuedDate === undefined) throw new RowError('issuedDate', 'MISSING_VALUE', 'the issue date is empty');
      const issuedAt = instant('issuedDate', issuedDate, 'issuedTime', raw('issuedTime'), mapping.defaultTime ?? '00:00');
      const person = (prefix: 'restrained' | 'protected') => ({
        name: {
          last: raw(`${prefix}Last`),
          first: raw(`${prefix}First`),
          ...(prefix === 'restrained' && raw('restrainedMiddle') ? { middle: raw('restrainedMiddle') } : {}),
        },
        ...(raw(`${prefix}Dob`) ? { dateOfBirth: parseDate(`${prefix}Dob`, raw(`${prefix}Dob`)!) } : {}),
        ...(coded(`${prefix}Sex`) ? { sex: coded(`${prefix}Sex`) } : {}),
      });
      const restrained = {
        ...person('restrained'),
        ...(coded('restrainedRace') ? { race: coded('restrainedRace') } : {}),
        ...(raw('restrainedHeight') ? { height: raw('restrainedHeight') } : {}),
        ...(raw('restrainedWeight') ? { weight: raw('restrainedWeight') } : {}),
        ...(coded('restrainedEyes') ? { eyes: coded('restrainedEyes') } : {}),
        ...(coded('restrainedHair') ? { hair: coded('restrainedHair') } : {}),
      };
      const hearingDate = raw('hearingDate');
      const expirationDate = raw('expirationDate');
      const input = {
        form: coded('form'),
        caseNumber: raw('caseNumber'),
        court: { ori: raw('courtOri'), county: coded('courtCounty'), name: raw('courtName') },
        issuedAt,
        restrainedPerson: restrained,
        protectedPersons: [{ ...person('protected'), minor: flag('protectedMinor'), confidential: flag('protectedConfidential') }],
        ...(raw('judicialOfficer') ? { judicialOfficer: raw('judicialOfficer') } : {}),
        ...(raw('terms') ? { terms: raw('terms') } : {}),
        ...(raw('sealed') ? { sealed: flag('sealed') } : {}),
        ...(expirationDate ? { expiration: { kind: 'date', date: parseDate('expirationDate', expirationDate) } } : {}),
        ...(hearingDate ? { hearing: { at: instant('hearingDate', hearingDate, 'hearingTime', raw('hearingTime'), '08:30') } } : {}),
      };
      const details = decodeWith(OrderDetails)(input);
      if (details._tag === 'Left') return { problems: problemsOf(row, sourceRecordId, details.left) };
      const entering = decodeWith(Ori)(raw('enteringAgencyOri') ?? raw('courtOri'));
      if (entering._tag === 'Left') throw new RowError(raw('enteringAgencyOri') ? 'enteringAgencyOri' : 'courtOri', 'INVALID_VALUE', entering.left.message);

      let service: PlannedRow['service'];
      const servedDate = raw('servedDate');
      if (servedDate !== undefined) {
        const servedAt = instant('servedDate', servedDate, 'servedTime', raw('servedTime'), mapping.defaultTime ?? '12:00');
        const record = decodeWith(ServiceRecord)({
          serviceId: `historical-${sourceRecordId}`.slice(0, 64),
          servedAt,
          method: coded('serviceMethod') ?? 'personal',
          servedBy: { name: raw('servedBy') ?? 'UNKNOWN (historical record)' },
          servingAgencyOri: raw('servingAgencyOri') ?? entering.right,
        });
        if (record._tag === 'Left') return { problems: problemsOf(row, sourceRecordId, record.left, 'service.') };
        service = { at: servedAt < issuedAt ? issuedAt : servedAt, record: record.right };
      }
      let cancel: PlannedRow['cancel'];
      const canceledDate = raw('canceledDate');
      if (canceledDate !== undefined) {
        const at = instant('canceledDate', canceledDate, 'canceledDate', undefined, '12:00');
        const reason = decodeWith(CancelReason)(coded('cancelReason') ?? 'terminated-by-court');
        if (reason._tag === 'Left') throw new RowError('cancelReason', 'INVALID_VALUE', reason.left.message);
        const note = raw('cancelNote');
        cancel = { at: at < issuedAt ? issuedAt : at, reason: reason.right, ...(note ? { note } : {}) };
      }
      return {
        ok: {
          row,
          sourceRecordId,
          orderId: historicalOrderId(mapping.sourceSystem, sourceRecordId),
          enteringAgencyOri: entering.right,
          details: details.right,
          issuedAt,
          ...(service ? { service } : {}),
          ...(cancel ? { cancel } : {}),
        },
      };
    } catch (error) {
      if (error instanceof RowError) return { problems: [problem(row, sourceRecordId, error.field, error.code, error.message)] };
      throw error;
    }
  };

  function problemsOf(row: number, sourceRecordId: string | undefined, error: DomainError, prefix = ''): RowProblem[] {
    const listed = (error.details as { problems?: { field: string; reason: string }[] } | undefined)?.problems ?? [{ field: error.field ?? '', reason: error.message }];
    return listed.map((p) => problem(row, sourceRecordId, fieldOfPath(`${prefix}${p.field}`), error.code, p.field ? `${prefix}${p.field}: ${p.reason}` : p.reason));
  }
};

export type RowMapper = ReturnType<typeof createRowMapper>;

/** A domain refusal of a row's command, turned into a row problem. */
export const domainProblem = (mapping: ImportMapping, row: number, sourceRecordId: string, error: DomainError, prefix = ''): RowProblem => {
  const field = fieldOfPath(error.field !== undefined ? `${prefix}${error.field}` : undefined);
  const column = field ? mapping.columns[field] : undefined;
  return { row, sourceRecordId, ...(column ? { column } : {}), ...(field ? { field } : {}), code: error.code, reason: error.message };
};
