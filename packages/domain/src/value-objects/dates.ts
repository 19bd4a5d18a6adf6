import type * as t from 'io-ts';
import { brandedString } from '../shared/branded';

const isRealDate = (y: number, m: number, d: number): boolean => {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= (days[m - 1] ?? 0);
};

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,9})?)?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

const validDate = (s: string): boolean => {
  const m = DATE.exec(s);
  return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
};

/** A calendar date, 'YYYY-MM-DD'. */
export const IsoDate = brandedString('IsoDate', validDate, (s) => s.trim());
export type IsoDate = t.TypeOf<typeof IsoDate>;

/**
 * The years an order's instants and dates may fall in. The court calendar computes holidays by
 * rule from 1989 and California time from 1987 (calendar/), and no protective-order registry
 * holds older orders (the NCIC Protection Order File opened in 1997), so older or far-future
 * values are refused at the boundary instead of reaching rules that cannot answer for them.
 */
export const FIRST_ORDER_YEAR = 1990;
export const LAST_ORDER_YEAR = 2199;
const inOrderYears = (s: string): boolean => {
  const y = Number(s.slice(0, 4));
  return y >= FIRST_ORDER_YEAR && y <= LAST_ORDER_YEAR;
};

/** An instant with an explicit offset or Z, e.g. '2026-11-25T15:30:00-08:00', in 1990–2199. */
export const IsoDateTime = brandedString(
  'IsoDateTime',
  (s) => {
    const m = DATE_TIME.exec(s);
    return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3])) && inOrderYears(s) && Number.isFinite(Date.parse(s));
  },
  (s) => s.trim(),
);

/** A calendar date on which an order event can fall (issue, expiry, renewal filing): 1990–2199. */
export const OrderDate = brandedString('OrderDate', (s) => validDate(s) && inOrderYears(s), (s) => s.trim());
export type OrderDate = t.TypeOf<typeof OrderDate>;
export type IsoDateTime = t.TypeOf<typeof IsoDateTime>;

/** Milliseconds since the epoch of a validated instant (pure: parses the text, reads no clock). */
export const instantMs = (iso: string): number => Date.parse(iso);

export const compareInstants = (a: string, b: string): number => instantMs(a) - instantMs(b);
export const isBefore = (a: string, b: string): boolean => instantMs(a) < instantMs(b);
export const isAfter = (a: string, b: string): boolean => instantMs(a) > instantMs(b);

/** Day arithmetic on 'YYYY-MM-DD' without any time zone. */
export const addDays = (date: string, n: number): IsoDate => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10) as IsoDate;
};

/** Adds calendar months, clamping to the month's last day (Feb 29 + 12 months → Feb 28). */
export const addMonths = (date: string, n: number): IsoDate => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, lastDay)))
    .toISOString()
    .slice(0, 10) as IsoDate;
};

export const addYears = (date: string, n: number): IsoDate => addMonths(date, 12 * n);

export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
