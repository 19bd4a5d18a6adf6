export * from './leadership';
export * from './postgres-leadership';
