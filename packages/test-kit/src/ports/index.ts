export * from './fixed-clock';
export * from './sequential-ids';
