export * from './duration-rules';
export * from './expiration';
export * from './renewal';
export * from './doj-deadline';
export * from './doj-readiness';
