export * from './load-order';
export * from './handle-command';
