export type { IsoDateString } from './civil-date';
export * from './california-judicial-holidays';
export * from './court-calendar';
export * from './california-time';
