import { sha256Hex } from '../../crypto/sha256-hex';
import { relatedOrdersFunctionsSql } from '../../search/related-orders';

/**
 * The related-orders functions (search/related-orders.ts). The id carries a digest of their
 * text, so a change to the statements is applied to existing schemas as a new migration (the
 * script drops and recreates both functions) rather than being skipped as already done.
 */
export const relatedOrdersFunctionsMigration = {
  id: `views-0007-related-orders-functions-${sha256Hex(relatedOrdersFunctionsSql).slice(0, 12)}`,
  sql: relatedOrdersFunctionsSql,
} as const;
