export * from './event-metadata';
export * from './load-order';
export * from './handle-command';
export * from './party-conflicts';
export * from './court-calendars';
