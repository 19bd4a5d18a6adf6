export { askCarpos, matchPage, type AnsweredRecord, type AskOptions, type QueryAnswer, type RecordMatch } from './ask-carpos';
export { compareWithRegistry, type Comparison, type FieldDifference } from './compare-record';
export { isoDate, readHit, type DojRecordStatus, type DojRecordView } from './doj-record';
export { readyEntriesProbe } from './entry-priority';
export { fixesForAbsent, fixesForDifferent, fixesForInactive, fixesForOnlyAtDoj, type FixAction, type FixSuggestion } from './fix-suggestions';
export {
  CarposQueryClient,
  defaultQueryClientSettings,
  QUERY_ID_PREFIX,
  type AnswerPage,
  type QueryClientSettings,
  type QueryFailure,
} from './query-client';
export { describeQuery, queryKeysOf, queryMessage, type CarposQuery, type Paging, type QueryKeys } from './query-criteria';
export { findRegistryMatches, matchDojRecords, type MatchedBy, type RegistryMatch } from './registry-match';
export { snapshotOf, type OpenOutboxRow, type RegistryOrder, type RegistrySnapshot } from './registry-order';
export { attachDojRecord, attachedDojRecords, type AttachedDojRecord } from './attached-records';
