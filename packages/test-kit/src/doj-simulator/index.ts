export { startDojSimulator, type DojSimulator, type DojSimulatorOptions } from './simulator';
export { connectDojTestClient, type DojTestClient, type ReceivedFrame } from './doj-client';
export { type Exchange } from './exchange';
export { FaultPlanC, FaultTriggerC, type FaultPlan, type FaultTrigger, type ResponseFault } from './fault-plan';
export { agencyPrefixFromOri, formatFcn, formatNic, isValidNic, luhnCheckDigit, IdentifierAuthority } from './identifiers';
export { DojRecordStore, isExpired, isInForce, statusCode, type DojRecord, type RecordStatus, type QueryCriteria, type QueryPage } from './record-store';
export { parseSeedText, seedRecords, SeedRecordC, type SeedProblem, type SeedRecord } from './seed-records';
