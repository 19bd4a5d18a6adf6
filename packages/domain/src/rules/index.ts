export * from './duration-rules';
export * from './expiration';
export * from './renewal';
export * from './doj-deadline';
export * from './doj-readiness';
export * from './law-docs';
export * from './deadline-rules';
export * from './service-rules';
