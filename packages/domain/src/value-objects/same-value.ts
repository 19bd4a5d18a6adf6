import { canonicalJson } from '../ports/event-store';

/**
 * Whether two values (details, changes, read values) are the same value. A client's JSON carries
 * no key order, so values that differ only in the order of their keys are the same; absent is
 * only the same as absent. One comparison for the whole domain, on the JSON the hash chain uses.
 */
export const sameValue = (a: unknown, b: unknown): boolean => (a === undefined || b === undefined ? a === b : canonicalJson(a) === canonicalJson(b));
