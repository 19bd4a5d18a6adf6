/**
 * The party index: one row per (restrained person, protected person) pair of an order, under
 * two keys. `exact_key` is both people's letters-only names and DOBs; `phonetic_key` swaps the
 * surnames for their NYSIIS codes and keeps only the first initials, so a one-letter slip in a
 * name entered in another county still lands on the same key (only when both DOBs are known:
 * without a DOB a phonetic key would join strangers).
 */
export const partyIndexMigration = {
  id: 'views-0003-party-index',
  sql: `
CREATE TABLE {{schema}}.order_party_pair (
  order_id      uuid NOT NULL,
  ordinal       smallint NOT NULL,
  exact_key     text NOT NULL,
  phonetic_key  text,
  PRIMARY KEY (order_id, ordinal)
);
CREATE INDEX order_party_pair_exact ON {{schema}}.order_party_pair (exact_key);
CREATE INDEX order_party_pair_phonetic ON {{schema}}.order_party_pair (phonetic_key);
`,
} as const;
