import { countyName, EYE, formInfo, HAIR, ORDER_FORMS, RACE, SEX, type CountyCode, type FormNumber } from '@ccpor/domain';

/** Dates and times as a California clerk reads them: MM/DD/YYYY, times in Pacific time. */
const TIME_ZONE = 'America/Los_Angeles';

const dateFormat = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
const localDateFormat = new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** "1990-02-03" → "02/03/1990"; an instant → its date in California. */
export const formatDate = (value: string | null | undefined): string => {
  if (value === null || value === undefined || value === '') return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return dateFormat.format(new Date(`${value}T00:00:00Z`));
  const t = Date.parse(value);
  return Number.isNaN(t) ? value : localDateFormat.format(new Date(t));
};

export const formatDateTime = (value: string | null | undefined): string => {
  if (value === null || value === undefined || value === '') return '—';
  const t = Date.parse(value);
  return Number.isNaN(t) ? value : dateTimeFormat.format(new Date(t));
};

export interface NameParts {
  readonly last?: string | null;
  readonly first?: string | null;
  readonly middle?: string | null;
  readonly suffix?: string | null;
}

/** "RIVERA, DANIEL JAMES" — surname first, as orders and CLETS list people. */
export const formatName = (n: NameParts | undefined): string => {
  if (n === undefined) return '—';
  const given = [n.first, n.middle, n.suffix].filter((x): x is string => typeof x === 'string' && x !== '').join(' ');
  const last = n.last ?? '';
  return last === '' && given === '' ? '(name withheld)' : given === '' ? last : `${last}, ${given}`;
};

export const formatCounty = (code: string | null | undefined): string => {
  if (code === null || code === undefined) return '—';
  const name = countyName(code as CountyCode);
  return name === code ? code : `${name} (${code})`;
};

/** The order type a form stands for (DV-130 → DV), from the domain's catalogue. */
export const formTypeOf = (form: string): string | undefined => (form in ORDER_FORMS ? formInfo(form as FormNumber).type : undefined);

export const formTitle = (form: string | null | undefined): string =>
  form !== null && form !== undefined && form in ORDER_FORMS ? formInfo(form as FormNumber).title : (form ?? '—');

const ORDER_TYPE_WORDS: Record<string, string> = {
  CPO: 'Criminal protective order',
  CH: 'Civil harassment',
  DV: 'Domestic violence',
  EA: 'Elder or dependent adult abuse',
  EPO: 'Emergency protective order',
  GV: 'Gun violence',
  JV: 'Juvenile',
  WV: 'Workplace violence',
  SV: 'School violence',
};
export const orderTypeWords = (type: string | null | undefined): string => (type ? (ORDER_TYPE_WORDS[type] ?? type) : '—');
export const ORDER_TYPES = Object.keys(ORDER_TYPE_WORDS);

const STAGE_WORDS: Record<string, string> = { emergency: 'Emergency', temporary: 'Temporary (until the hearing)', 'after-hearing': 'After hearing' };
export const stageWords = (stage: string | null | undefined): string => (stage ? (STAGE_WORDS[stage] ?? stage) : '—');

const coded = (table: Record<string, string>, code: string | undefined): string => (code === undefined ? '—' : table[code] ? `${table[code]} (${code})` : code);
export const sexWords = (c: string | undefined) => coded(SEX.table, c);
export const raceWords = (c: string | undefined) => coded(RACE.table, c);
export const eyeWords = (c: string | undefined) => coded(EYE.table, c);
export const hairWords = (c: string | undefined) => coded(HAIR.table, c);

/** NCIC "510" → 5 ft 10 in. */
export const heightWords = (h: string | undefined): string => (h !== undefined && /^\d{3}$/.test(h) ? `${h[0]} ft ${Number(h.slice(1))} in` : (h ?? '—'));
export const weightWords = (w: string | undefined): string => (w !== undefined ? `${Number(w)} lb` : '—');

const ROLE_WORDS: Record<string, string> = {
  'query-only': 'Query only',
  'court-clerk': 'Court clerk',
  supervisor: 'Supervisor',
  'lea-data-entry': 'Law enforcement data entry',
  'local-admin': 'Local administrator',
  'state-admin': 'State administrator',
};
export const roleWords = (r: string): string => ROLE_WORDS[r] ?? r;

export const bytesWords = (n: number): string => (n < 1024 ? `${n} bytes` : n < 1024 * 1024 ? `${(n / 1024).toFixed(0)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);
