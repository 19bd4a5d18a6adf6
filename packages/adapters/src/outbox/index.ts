export { Signal } from './signal';
export { deliveryMigrations } from './delivery-migrations';
export {
  DeliveryOutbox,
  defaultRetrySettings,
  type Delivery,
  type DeliveryCounts,
  type DeliveryFilter,
  type DeliveryStatus,
  type NewDelivery,
  type RetrySettings,
} from './delivery-outbox';
export { LogFeeder, type BatchPlanner, type LogFeederOptions } from './log-feeder';
export { OutboxWorker, type DeliveryOutcome, type OutboxWorkerOptions, type OutboxWorkerStats, type Sender } from './outbox-worker';
