import { type Layout, type ProtocolCodec } from '@ccpor/carpos-protocol';
import * as E from 'fp-ts/Either';
import { type CarposStore } from '../carpos-gateway/queues';
import { compareWithRegistry, type FieldDifference } from './compare-record';
import { readHit, type DojRecordView } from './doj-record';
import { fixesForDifferent, fixesForInactive, fixesForOnlyAtDoj, type FixSuggestion } from './fix-suggestions';
import { type AnswerPage, type CarposQueryClient, type QueryFailure } from './query-client';
import { queryKeysOf, queryMessage, type CarposQuery, type Paging } from './query-criteria';
import { matchDojRecords, type MatchedBy } from './registry-match';
import { snapshotOf, type RegistrySnapshot } from './registry-order';

export type RecordMatch =
  | {
      readonly kind: 'registry-order';
      readonly by: MatchedBy;
      readonly registry: RegistrySnapshot;
      /** Key fields DOJ holds otherwise (empty: DOJ and the registry agree). */
      readonly differences: readonly FieldDifference[];
      /** The registry's order is canceled or expired while DOJ's record is in force. */
      readonly inactiveInRegistry: boolean;
      readonly otherCandidates: number;
      readonly fixes: readonly FixSuggestion[];
    }
  | { readonly kind: 'only-at-doj'; readonly fixes: readonly FixSuggestion[] };

export interface AnsweredRecord {
  readonly record: DojRecordView;
  readonly match: RecordMatch;
}

/** DOJ's answer to one query page, each record matched to the registry (ADR 0012). Kept nowhere by this function. */
export interface QueryAnswer {
  readonly messageId: string;
  readonly total: number;
  readonly continuation?: string;
  readonly records: readonly AnsweredRecord[];
}

export interface AskOptions {
  /** The ORI the query goes out under: the asking user's agency. */
  readonly ori: string;
  readonly paging?: Paging;
  /** The instant "in force" and "expired" are judged at. */
  readonly asOf: string;
  readonly layout?: Layout;
}

/**
 * Asks DOJ one page of a query over the gateway's link and matches each record to the registry
 * order it stands for, with the key fields on which they differ and the command that would fix
 * each difference. Nothing of the answer is stored here: the caller audits and shows it.
 */
export const askCarpos = async (
  client: CarposQueryClient,
  store: CarposStore,
  codec: ProtocolCodec,
  query: CarposQuery,
  options: AskOptions,
): Promise<E.Either<QueryFailure, QueryAnswer>> => {
  const message = queryMessage(query, options.ori, queryKeysOf(codec.dictionary), options.paging ?? {});
  const page = await client.page(message);
  if (E.isLeft(page)) return page;
  return E.right(await matchPage(store, codec, page.right, options.asOf));
};

export const matchPage = async (store: CarposStore, codec: ProtocolCodec, page: AnswerPage, asOf: string): Promise<QueryAnswer> => {
  const records = page.hits.flatMap((hit) => {
    const record = readHit(hit, codec.dictionary.dateFormat);
    return record === undefined ? [] : [record];
  });
  const matches = await matchDojRecords(store, records, asOf);
  return {
    messageId: page.messageId,
    total: page.total,
    ...(page.continuation !== undefined ? { continuation: page.continuation } : {}),
    records: records.map((record): AnsweredRecord => {
      const match = matches.get(record.fcn);
      if (match === undefined) return { record, match: { kind: 'only-at-doj', fixes: fixesForOnlyAtDoj() } };
      const comparison = compareWithRegistry(match.registry, record, asOf);
      const differences = comparison.kind === 'same' ? [] : comparison.fields;
      const fixes =
        comparison.kind === 'different'
          ? fixesForDifferent(match.registry, comparison.fields)
          : comparison.kind === 'inactive-in-registry'
            ? fixesForInactive(match.registry, comparison.registryStatus)
            : [];
      return {
        record,
        match: {
          kind: 'registry-order',
          by: match.by,
          registry: snapshotOf(match.registry, asOf),
          differences,
          inactiveInRegistry: comparison.kind === 'inactive-in-registry',
          otherCandidates: match.otherCandidates,
          fixes,
        },
      };
    }),
  };
};
