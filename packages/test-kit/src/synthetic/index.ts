export * from './prng';
export * from './weighted';
export * from './names';
export * from './california-counties';
export * from './order-mix';
export * from './typos';
export * from './synthetic-orders';
export * from './synthetic-history';
