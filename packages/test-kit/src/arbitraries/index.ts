export * from './value-objects';
export * from './parties';
export * from './provisions';
export * from './order-details';
export * from './commands';
export * from './histories';
export * from './form-readings';
