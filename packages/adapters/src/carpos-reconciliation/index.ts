export { RateLimiter } from './rate-limiter';
export { Reconciler, type ReconcilerOptions } from './reconciler';
export {
  courtSummaries,
  CSV_COLUMNS,
  DIFFERENCE_KINDS,
  listRuns,
  runDifferences,
  runDifferencesCsv,
  type CourtSummary,
  type DifferenceFilter,
  type DifferenceKind,
  type ReconciliationDifference,
} from './reconciliation-report';
export { type ReconciliationRun } from './reconciliation-run';
export { cancelRun, findRun, runningRuns, startReconciliation, type ReconciliationRequest, type StartRefusal } from './start-reconciliation';
