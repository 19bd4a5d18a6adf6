export { defaultMessageKeys, type CarposMessageKeys, type CarposSettings, type CarposSettingsLookup } from './carpos-settings';
export { CarposGateway, type CarposGatewayOptions } from './carpos-gateway';
export { carposGatewayMigrations } from './gateway-migrations';
export { defaultDispatchSettings, type DispatchSettings } from './dispatcher';
export { type ResponseStats } from './response-handler';
export { planEvent, type EventPlan, type MissingData } from './plan-event';
export { retireTransaction, serviceScreen, type ServiceScreen } from './order-message';
export { heartbeatProbeText } from './heartbeat-probe';
export { carposOrderFacts, requestResend, type ResendRefusal, type ResendRefusalCode, type ResendRequest, type ResendTransaction } from './resend';
export {
  awaitingDataQueue,
  correctionQueue,
  deadLetterQueue,
  findOutboxEntry,
  notSubmittedOrders,
  notificationsForAgency,
  pendingQueue,
  queueCounts,
  retryDeadLetter,
  reviewQueue,
  type CarposStore,
  type CorrectionEntry,
  type NotificationEntry,
  type NotSubmittedEntry,
  type OutboxEntry,
  type QueueCounts,
  type QueueFilter,
  type ReviewEntry,
} from './queues';
export {
  overdueGauge,
  overdueGaugeText,
  overdueOrders,
  submissionLatencyByAgency,
  transmissionTimeliness,
  type OverdueOrder,
  type SubmissionLatency,
  type TransmissionTimeliness,
} from './timeliness';
