export * from './domain-error';
export * from './decode-error';
export * from './unknown-keys';
export * from './value-preview';
