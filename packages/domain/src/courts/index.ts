export * from './court-calendar-model';
export * from './court-calendar-decide';
