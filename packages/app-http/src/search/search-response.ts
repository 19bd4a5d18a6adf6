import * as t from 'io-ts';
import { ConflictIndicatorCodec } from '../conflicts/precedence-codecs';
import type { PresentedHit } from './search-visibility';

/**
 * The answer of `GET /search` as an io-ts codec, so the OpenAPI document describes every field a
 * hit carries and the web application's generated client is typed by it (ADR 0051). The
 * assignment at the end makes the compiler check the codec against what the route sends.
 */
const Text = t.union([t.string, t.null]);

const MatchReason = t.keyof({
  'case-number': null,
  fcn: null,
  'surname-exact': null,
  'surname-nysiis': null,
  'surname-double-metaphone': null,
  'surname-soundex': null,
  'surname-trigram': null,
  'first-name-exact': null,
  'first-name-similar': null,
  'dob-exact': null,
  'dob-window': null,
});

export const SearchHitCodec = t.intersection(
  [
    t.type({
      orderId: t.string,
      matchedAs: t.keyof({ restrained: null, protected: null }),
      person: t.type({ last: Text, first: Text, middle: Text, dateOfBirth: Text, confidential: t.boolean, minor: t.boolean }),
      caseNumber: Text,
      courtOri: Text,
      county: Text,
      form: Text,
      orderType: Text,
      stage: Text,
      status: t.keyof({ draft: null, discarded: null, active: null, served: null, canceled: null, expired: null }),
      issuedAt: Text,
      expiresAt: Text,
      hearingAt: Text,
      sealed: t.boolean,
      imageCount: t.number,
      enteringAgencyOri: t.string,
      assignedAgencyOris: t.readonlyArray(t.string),
      score: t.number,
      matchedOn: t.readonlyArray(MatchReason),
      redacted: t.readonlyArray(t.string),
      related: ConflictIndicatorCodec,
    }),
    t.partial({ doj: t.type({ fcn: Text, nic: Text, status: t.keyof({ none: null, acknowledged: null, rejected: null }) }) }),
  ],
  'SearchHit',
);

export const SearchResponseCodec = t.intersection(
  [t.type({ hits: t.readonlyArray(SearchHitCodec), count: t.number, capped: t.boolean }), t.partial({ nextCursor: t.string })],
  'SearchResponse',
);

type Holds<T extends true> = T;
export type SearchHitCodecMatchesPresentedHit = Holds<PresentedHit extends Omit<t.TypeOf<typeof SearchHitCodec>, 'related'> ? true : false>;
