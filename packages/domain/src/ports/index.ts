export * from './event-store';
export * from './clock';
export * from './id-generator';
export * from './image-store';
export * from './clets-link';
export * from './related-orders';
export * from './court-calendars';
