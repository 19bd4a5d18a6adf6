export * from './order-snapshot';
export * from './in-force';
export * from './dimensions';
export * from './ladder';
export * from './conflicts';
