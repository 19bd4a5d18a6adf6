export * from './roles';
export * from './actions';
export * from './policy';
export { maySeeSealedOrder, sealedReachOf } from './sealed-orders';
export { maySeeDraft, DRAFT_REACH } from './drafts';
export * from './redaction';
export * from './role-grants';
export * from './images';
export * from './visibility';
