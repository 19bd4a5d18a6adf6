export * from './roles';
export * from './actions';
export * from './policy';
export * from './redaction';
export * from './role-grants';
export * from './images';
export * from './visibility';
