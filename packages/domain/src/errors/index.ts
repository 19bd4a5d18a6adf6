export * from './domain-error';
export * from './decode-error';
