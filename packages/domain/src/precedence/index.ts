export * from './order-snapshot';
export * from './in-force';
export * from './dimensions';
export * from './ladder';
export * from './conflicts';
export * from './person-pairs';
export * from './precedence-snapshot';
export * from './pair-precedence';
