import type { SearchStatus } from './search-query';

/** Why a hit matched, in words a user (and an auditor) can read. */
export type MatchReason =
  | 'case-number'
  | 'fcn'
  | 'surname-exact'
  | 'surname-nysiis'
  | 'surname-double-metaphone'
  | 'surname-soundex'
  | 'surname-trigram'
  | 'first-name-exact'
  | 'first-name-similar'
  | 'dob-exact'
  | 'dob-window';

/**
 * One search result: the order, the person whose name matched, and how. Sealed orders are
 * returned with `sealed: true`; redaction by role belongs to the HTTP layer (the project's reading [I], docs/ccpor-programme.md:
 * a sealed record must stay findable by name for those allowed to see it).
 */
export interface SearchHit {
  readonly orderId: string;
  readonly role: 'restrained' | 'protected';
  readonly person: {
    readonly last: string | null;
    readonly first: string | null;
    readonly middle: string | null;
    readonly dateOfBirth: string | null;
    /** A protected person marked confidential, or a minor: their identity is redacted outside the order's agencies (Fam. Code 6301.5). Always false for the restrained person. */
    readonly confidential: boolean;
    readonly minor: boolean;
  };
  readonly caseNumber: string | null;
  readonly courtOri: string | null;
  readonly county: string | null;
  readonly form: string | null;
  readonly orderType: string | null;
  readonly stage: string | null;
  readonly status: SearchStatus;
  readonly issuedAt: string | null;
  readonly expiresAt: string | null;
  readonly hearingAt: string | null;
  readonly sealed: boolean;
  readonly imageCount: number;
  readonly fcn: string | null;
  readonly nic: string | null;
  readonly dojStatus: 'none' | 'acknowledged' | 'rejected';
  readonly enteringAgencyOri: string;
  readonly assignedAgencyOris: readonly string[];
  /** Higher is better; hits are ordered by score, then DOB distance, then order id. */
  readonly score: number;
  /** Days between the person's DOB and the queried one (0 without a queried DOB). */
  readonly dobDistanceDays: number;
  readonly matchedOn: readonly MatchReason[];
}

export interface SearchPage {
  readonly hits: readonly SearchHit[];
  /** Present when more hits follow; pass it back with the same query for the next page. */
  readonly nextCursor?: string;
  /** True when paging stopped at the result cap although more would match: narrow the query. */
  readonly capped: boolean;
}

/** A row of the search statement. */
export interface SearchRow extends Record<string, unknown> {
  readonly order_id: string;
  readonly role: 'restrained' | 'protected';
  readonly person_last: string | null;
  readonly person_first: string | null;
  readonly person_middle: string | null;
  readonly person_dob: string | null;
  readonly person_confidential: boolean;
  readonly person_minor: boolean;
  readonly case_number: string | null;
  readonly court_ori: string | null;
  readonly county: string | null;
  readonly form: string | null;
  readonly order_type: string | null;
  readonly stage: string | null;
  readonly status: SearchStatus;
  readonly issued_at: string | null;
  readonly expires_at: string | null;
  readonly hearing_at: string | null;
  readonly sealed: boolean;
  readonly image_count: number;
  readonly fcn: string | null;
  readonly nic: string | null;
  readonly doj_status: 'none' | 'acknowledged' | 'rejected';
  readonly entering_ori: string;
  readonly assigned_oris: readonly string[];
  readonly score: number;
  readonly dob_distance: number;
  readonly m_last_exact: boolean;
  readonly m_nysiis: boolean;
  readonly m_metaphone: boolean;
  readonly m_soundex: boolean;
  readonly m_trigram: boolean;
  readonly m_first_exact: boolean;
  readonly m_first_similar: boolean;
  readonly m_dob_exact: boolean;
}

const reasons = (row: SearchRow, lookup: 'case-number' | 'fcn' | undefined, dobQueried: boolean): MatchReason[] => {
  const out: MatchReason[] = [];
  if (lookup) out.push(lookup);
  if (row.m_last_exact) out.push('surname-exact');
  if (row.m_nysiis) out.push('surname-nysiis');
  if (row.m_metaphone) out.push('surname-double-metaphone');
  if (row.m_soundex) out.push('surname-soundex');
  if (row.m_trigram && !row.m_last_exact) out.push('surname-trigram');
  if (row.m_first_exact) out.push('first-name-exact');
  else if (row.m_first_similar) out.push('first-name-similar');
  if (dobQueried && !lookup) out.push(row.m_dob_exact ? 'dob-exact' : 'dob-window');
  return out;
};

export const toSearchHit = (row: SearchRow, lookup: 'case-number' | 'fcn' | undefined, dobQueried: boolean): SearchHit => ({
  orderId: row.order_id,
  role: row.role,
  person: {
    last: row.person_last,
    first: row.person_first,
    middle: row.person_middle,
    dateOfBirth: row.person_dob,
    confidential: row.person_confidential,
    minor: row.person_minor,
  },
  caseNumber: row.case_number,
  courtOri: row.court_ori,
  county: row.county,
  form: row.form,
  orderType: row.order_type,
  stage: row.stage,
  status: row.status,
  issuedAt: row.issued_at,
  expiresAt: row.expires_at,
  hearingAt: row.hearing_at,
  sealed: row.sealed,
  imageCount: Number(row.image_count),
  fcn: row.fcn,
  nic: row.nic,
  dojStatus: row.doj_status,
  enteringAgencyOri: row.entering_ori,
  assignedAgencyOris: row.assigned_oris,
  score: Number(row.score),
  dobDistanceDays: Number(row.dob_distance),
  matchedOn: reasons(row, lookup, dobQueried),
});
