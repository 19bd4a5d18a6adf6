import { addYears, caseNumberKey } from '@ccpor/domain';
import { inSchema } from '../sql/schema-name';
import { nameKeys } from './person-keys';
import type { CursorState } from './search-cursor';
import type { SearchQuery, SearchVisibility } from './search-query';

/**
 * Builds the SQL of a search. Each query takes one of a few shapes, and each shape is written
 * so that a selective index drives its plan (docs/performance-goals.md, "query shape"; ADR 0022); the EXPLAIN
 * tests in search-plans.test.ts pin them:
 * - `case-number`, `fcn`: btree equality;
 * - `name-exact-dob`: the DOB btree picks the ~100 people born that day, and the name test
 *   (exact, NYSIIS, Double Metaphone, Soundex, or `similarity(...) >= 0.3`) runs on those rows
 *   only. Never `%` here: with a DOB, `%` can lure the planner onto the trigram index;
 * - `name-dob-window`: NYSIIS and Double Metaphone on composite (key, DOB) btrees over the window,
 *   united with the exact-DOB test on the same month and day in each year of the window;
 * - `name-only`: the trigram GIN (`%`) united with the phonetic keys, the one shape that can be
 *   broad; the result cap bounds what it returns.
 */
export type SearchShape = 'case-number' | 'fcn' | 'name-exact-dob' | 'name-dob-window' | 'name-only';

export interface BuiltSearch {
  readonly shape: SearchShape;
  readonly text: string;
  readonly values: readonly unknown[];
}

/** Trigram similarity a surname must reach to be a candidate without a phonetic or exact match. */
export const TRIGRAM_THRESHOLD = 0.3;

class Params {
  readonly values: unknown[] = [];
  add(value: unknown, type: string): string {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }
}

/** The columns of one person table, so one builder serves restrained and protected persons. */
interface PersonColumns {
  readonly role: 'restrained' | 'protected';
  readonly last: string;
  readonly first: string;
  readonly middle: string;
  readonly lastKey: string;
  readonly firstKey: string;
  readonly nysiis: string;
  readonly soundex: string;
  readonly metaphone: string;
  readonly metaphoneAlt: string;
  readonly dob: string;
}

const RESTRAINED: PersonColumns = {
  role: 'restrained',
  last: 's.r_last',
  first: 's.r_first',
  middle: 's.r_middle',
  lastKey: 's.r_last_key',
  firstKey: 's.r_first_key',
  nysiis: 's.r_nysiis',
  soundex: 's.r_soundex',
  metaphone: 's.r_metaphone',
  metaphoneAlt: 's.r_metaphone_alt',
  dob: 's.r_dob',
};

const PROTECTED: PersonColumns = {
  role: 'protected',
  last: 'p.last',
  first: 'p.first',
  middle: 'p.middle',
  lastKey: 'p.last_key',
  firstKey: 'p.first_key',
  nysiis: 'p.nysiis',
  soundex: 'p.soundex',
  metaphone: 'p.metaphone',
  metaphoneAlt: 'p.metaphone_alt',
  dob: 'p.dob',
};

/** The same month and day in each year of the window (29 February falls back to the 28th in other years). */
export const sameDayInYears = (dob: string, years: number): string[] => {
  const out: string[] = [];
  for (let k = -years; k <= years; k++) out.push(addYears(dob, k));
  return [...new Set(out)];
};

interface NameParams {
  readonly last: string;
  readonly nysiis: string;
  readonly soundex: string;
  /** Non-empty Double Metaphone keys of the query (primary and alternate). */
  readonly metaphones: string;
  readonly first: string | undefined;
  readonly dob: string | undefined;
}

const nameParams = (q: SearchQuery, p: Params): NameParams | undefined => {
  if (q.lastName === undefined) return undefined;
  const keys = nameKeys({ last: q.lastName, first: q.firstName ?? '' });
  return {
    last: p.add(keys.lastKey, 'text'),
    nysiis: p.add(keys.nysiis, 'text'),
    soundex: p.add(keys.soundex, 'text'),
    metaphones: p.add([...new Set([keys.metaphone, keys.metaphoneAlt].filter((k) => k !== ''))], 'text[]'),
    first: q.firstName === undefined ? undefined : p.add(keys.firstKey, 'text'),
    dob: q.dateOfBirth === undefined ? undefined : p.add(q.dateOfBirth, 'date'),
  };
};

/**
 * Name tests on rows already narrowed to one DOB (about a hundred people at two million
 * orders), so they can afford to be generous: any of them makes a candidate. The same first
 * name on the same DOB is one too, whatever the surname: it catches a slip that leaves a short
 * surname with no trigram or phonetic key in common (LE → LX), and a surname changed by
 * marriage; such hits rank low, by their surname score.
 */
const nameMatch = (c: PersonColumns, n: NameParams): string =>
  `(${c.lastKey} = ${n.last} OR ${c.nysiis} = ${n.nysiis} OR ${c.metaphone} = ANY(${n.metaphones}) OR ${c.metaphoneAlt} = ANY(${n.metaphones})
     OR ${c.soundex} = ${n.soundex} OR similarity(${c.lastKey}, ${n.last}) >= ${TRIGRAM_THRESHOLD}${n.first === undefined ? '' : ` OR ${c.firstKey} = ${n.first}`})`;

const candidate = (shape: SearchShape, c: PersonColumns, n: NameParams, q: SearchQuery, p: Params): string => {
  if (shape === 'name-exact-dob') return `${c.dob} = ${n.dob} AND ${nameMatch(c, n)}`;
  if (shape === 'name-dob-window') {
    const days = p.add(sameDayInYears(q.dateOfBirth!, q.dobYears!), 'date[]');
    const from = p.add(addYears(q.dateOfBirth!, -q.dobYears!), 'date');
    const to = p.add(addYears(q.dateOfBirth!, q.dobYears!), 'date');
    return `((${c.dob} = ANY(${days}) AND ${nameMatch(c, n)})
      OR (${c.nysiis} = ${n.nysiis} AND ${c.dob} BETWEEN ${from} AND ${to})
      OR (${c.metaphone} = ANY(${n.metaphones}) AND ${c.dob} BETWEEN ${from} AND ${to})
      OR (${c.metaphoneAlt} = ANY(${n.metaphones}) AND ${c.dob} BETWEEN ${from} AND ${to}))`;
  }
  // Name only: the trigram index united with the phonetic keys (leading column of each composite btree).
  const names = `(${c.lastKey} % ${n.last} OR ${c.nysiis} = ${n.nysiis} OR ${c.metaphone} = ANY(${n.metaphones}) OR ${c.metaphoneAlt} = ANY(${n.metaphones}))`;
  // Without a DOB, a given first name must at least share its initial: it keeps a common
  // surname from returning everyone who bears it, and still forgives a slip after the first letter.
  return n.first === undefined ? names : `${names} AND left(${c.firstKey}, 1) = left(${n.first}, 1)`;
};

/** Integer score: exact surname 1000, else trigram similarity × 800; phonetic and first-name agreement add to it. */
const score = (c: PersonColumns, n: NameParams | undefined): string => {
  if (n === undefined) return '1000';
  const surname = `(CASE WHEN ${c.lastKey} = ${n.last} THEN 1000 ELSE round(similarity(${c.lastKey}, ${n.last}) * 800)::int END
    + CASE WHEN ${c.nysiis} = ${n.nysiis} THEN 150 ELSE 0 END
    + CASE WHEN ${c.metaphone} = ANY(${n.metaphones}) OR ${c.metaphoneAlt} = ANY(${n.metaphones}) THEN 100 ELSE 0 END
    + CASE WHEN ${c.soundex} = ${n.soundex} THEN 50 ELSE 0 END)`;
  if (n.first === undefined) return surname;
  const first = `CASE WHEN ${c.firstKey} = ${n.first} THEN 300
    WHEN left(${c.firstKey}, 1) = left(${n.first}, 1) THEN greatest(100, round(similarity(${c.firstKey}, ${n.first}) * 250)::int)
    ELSE round(similarity(${c.firstKey}, ${n.first}) * 250)::int END`;
  return `(${surname} + ${first})`;
};

/** Why a row matched, as flags the result mapper turns into words. */
const flags = (c: PersonColumns, n: NameParams | undefined): string =>
  n === undefined
    ? 'false AS m_last_exact, false AS m_nysiis, false AS m_metaphone, false AS m_soundex, false AS m_trigram, false AS m_first_exact, false AS m_first_similar, false AS m_dob_exact'
    : `${c.lastKey} = ${n.last} AS m_last_exact,
       ${c.nysiis} = ${n.nysiis} AS m_nysiis,
       (${c.metaphone} = ANY(${n.metaphones}) OR ${c.metaphoneAlt} = ANY(${n.metaphones})) AS m_metaphone,
       ${c.soundex} = ${n.soundex} AS m_soundex,
       similarity(${c.lastKey}, ${n.last}) >= ${TRIGRAM_THRESHOLD} AS m_trigram,
       ${n.first === undefined ? 'false' : `${c.firstKey} = ${n.first}`} AS m_first_exact,
       ${n.first === undefined ? 'false' : `similarity(${c.firstKey}, ${n.first}) >= ${TRIGRAM_THRESHOLD}`} AS m_first_similar,
       ${n.dob === undefined ? 'false' : `coalesce(${c.dob} = ${n.dob}, false)`} AS m_dob_exact`;

/** The status a reader sees at `now`: expiry is derived here, never stored. */
const derivedStatus = (now: string): string =>
  `CASE WHEN s.status IN ('active', 'served') AND s.expires_at <= ${now} THEN 'expired' ELSE s.status END`;

/**
 * Rows the caller may not see never leave the database, so pages stay full and a cursor cannot
 * hint at hidden matches: sealed orders, other agencies' drafts, and (on protected-person rows)
 * confidential or minor people the caller may not see.
 */
const visible = (c: PersonColumns, v: SearchVisibility | undefined, p: Params): string[] => {
  if (v === undefined) return [];
  const ori = p.add(v.agencyOri, 'text');
  const where = hiddenOrderFilters(v, ori, 's');
  if (c.role === 'protected' && v.confidential !== 'all') {
    const open = 'NOT (p.confidential OR p.minor)';
    where.push(v.confidential === 'none' ? open : `(${open} OR s.entering_ori = ${ori} OR ${ori} = ANY(s.assigned_oris))`);
  }
  return where;
};

/**
 * The conditions an order row `s` must meet to be visible to the caller, as a list to AND: sealed
 * orders as `v.sealed` says, drafts (and discarded ones) only of the caller's own or assigned
 * orders. Shared by search and statistics, so what a caller can count is what they can find.
 */
export const hiddenOrderFilters = (v: Pick<SearchVisibility, 'sealed'>, ori: string, s: string): string[] => {
  const mine = `(${s}.entering_ori = ${ori} OR ${ori} = ANY(${s}.assigned_oris))`;
  const where: string[] = [];
  if (v.sealed === 'none') where.push(`NOT ${s}.sealed`);
  else if (v.sealed === 'own') where.push(`(NOT ${s}.sealed OR ${mine})`);
  where.push(`(${s}.status NOT IN ('draft', 'discarded') OR ${mine})`);
  return where;
};

const filters = (q: SearchQuery, p: Params, status: string): string[] => {
  const where: string[] = [];
  if (q.county) where.push(`s.county = ANY(${p.add(q.county, 'text[]')})`);
  if (q.courtOri) where.push(`s.court_ori = ${p.add(q.courtOri, 'text')}`);
  if (q.orderType) where.push(`s.order_type = ANY(${p.add(q.orderType, 'text[]')})`);
  if (q.form) where.push(`s.form = ANY(${p.add(q.form, 'text[]')})`);
  if (q.status) where.push(`(${status}) = ANY(${p.add(q.status, 'text[]')})`);
  if (q.issuedFrom) where.push(`s.issued_at >= ${p.add(q.issuedFrom, 'timestamptz')}`);
  if (q.issuedTo) where.push(`s.issued_at < ${p.add(q.issuedTo, 'timestamptz')}`);
  if (q.expiresFrom) where.push(`s.expires_at >= ${p.add(q.expiresFrom, 'timestamptz')}`);
  if (q.expiresTo) where.push(`s.expires_at < ${p.add(q.expiresTo, 'timestamptz')}`);
  return where;
};

const iso = (column: string): string => `to_json(${column}) #>> '{}'`;

const personSelect = (
  shape: SearchShape,
  c: PersonColumns,
  q: SearchQuery,
  p: Params,
  n: NameParams | undefined,
  status: string,
  visibility: SearchVisibility | undefined,
): string => {
  const where: string[] = [];
  if (shape === 'case-number') where.push(`s.case_key = ${p.add(caseNumberKey(q.caseNumber!), 'text')}`);
  else if (shape === 'fcn') where.push(`s.fcn = ${p.add(q.fcn, 'text')}`);
  else where.push(candidate(shape, c, n!, q, p));
  where.push(...filters(q, p, status), ...visible(c, visibility, p));
  const distance = n?.dob === undefined ? '0' : `coalesce(abs(${c.dob} - ${n.dob}), 99999)`;
  const from =
    c.role === 'restrained'
      ? '{{schema}}.order_search AS s'
      : '{{schema}}.order_search_protected AS p JOIN {{schema}}.order_search AS s ON s.order_id = p.order_id';
  const select = `SELECT ${c.role === 'protected' ? 'DISTINCT ON (s.order_id) ' : ''}s.order_id, '${c.role}'::text AS role,
      ${c.last} AS person_last, ${c.first} AS person_first, ${c.middle} AS person_middle, ${c.dob}::text AS person_dob,
      ${c.role === 'protected' ? 'p.confidential' : 'false'} AS person_confidential, ${c.role === 'protected' ? 'p.minor' : 'false'} AS person_minor,
      s.case_number, s.court_ori, s.county, s.form, s.order_type, s.stage, ${status} AS status,
      ${iso('s.issued_at')} AS issued_at, ${iso('s.expires_at')} AS expires_at, ${iso('s.hearing_at')} AS hearing_at,
      s.sealed, s.image_count, s.fcn, s.nic, s.doj_status, s.entering_ori, s.assigned_oris,
      ${score(c, n)} AS score, ${distance} AS dob_distance, ${flags(c, n)}
    FROM ${from}
    WHERE ${where.join('\n      AND ')}`;
  // One hit per order and role: the best-matching protected person of an order stands for it.
  return c.role === 'protected' ? `${select}\n    ORDER BY s.order_id, score DESC, dob_distance` : select;
};

export const searchShape = (q: SearchQuery): SearchShape => {
  if (q.caseNumber !== undefined) return 'case-number';
  if (q.fcn !== undefined) return 'fcn';
  if (q.dateOfBirth === undefined) return 'name-only';
  return q.dobYears !== undefined && q.dobYears > 0 ? 'name-dob-window' : 'name-exact-dob';
};

/**
 * The full statement: candidates of each role, then the keyset condition, the deterministic
 * order (score, DOB distance, order id, role) and the page size (+1, to know whether more follow).
 */
export const buildSearch = (
  q: SearchQuery,
  schema: string,
  now: string,
  pageSize: number,
  after: CursorState | undefined,
  visibility?: SearchVisibility,
): BuiltSearch => {
  const shape = searchShape(q);
  const p = new Params();
  const nowParam = p.add(now, 'timestamptz');
  const status = derivedStatus(nowParam);
  const n = nameParams(q, p);
  // Case number and FCN identify orders, not people: they are looked up on the order row.
  const roles = shape === 'case-number' || shape === 'fcn' ? [RESTRAINED] : q.role === 'protected' ? [PROTECTED] : q.role === 'any' ? [RESTRAINED, PROTECTED] : [RESTRAINED];
  const parts = roles.map((c) => `(${personSelect(shape, c, q, p, n, status, visibility)})`);
  const keyset =
    after === undefined
      ? ''
      : (() => {
          const sc = p.add(after.score, 'int');
          const d = p.add(after.dobDistance, 'int');
          const id = p.add(after.orderId, 'uuid');
          const role = p.add(after.role, 'text');
          return `WHERE (c.score < ${sc} OR (c.score = ${sc} AND (c.dob_distance > ${d} OR (c.dob_distance = ${d} AND (c.order_id, c.role) > (${id}, ${role})))))`;
        })();
  const limit = p.add(pageSize + 1, 'int');
  const text = `SELECT c.* FROM (${parts.join('\n  UNION ALL\n  ')}) AS c
${keyset}
ORDER BY c.score DESC, c.dob_distance, c.order_id, c.role
LIMIT ${limit}`;
  return { shape, text: inSchema(text, schema), values: p.values };
};
