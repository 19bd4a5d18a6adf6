export * from './memory-shared-state';
export * from './sql-shared-state';
export * from './shared-state-migrations';
