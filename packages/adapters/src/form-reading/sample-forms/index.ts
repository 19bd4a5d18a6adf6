export * from './printed-form-values';
export * from './render-form';
export * from './scan-form';
