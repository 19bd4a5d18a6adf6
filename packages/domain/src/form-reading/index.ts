export * from './printed-values';
export * from './readable-fields';
export * from './form-reading';
export * from './prefill';
export * from './reading-commands';
export * from './reading-events';
export * from './draft-reading';
export { unreviewedReadFields } from './decide-reading';
