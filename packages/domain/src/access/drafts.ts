/**
 * Drafts (ADR 0034). A draft, and a discarded one, is work in progress of the agency that entered
 * it: only that agency and agencies it is assigned to see it, by id, in search and in the drafts
 * list. To anyone else it does not exist, so drafts cannot be found by trying ids.
 */
export const DRAFT_RULE = 'drafts: work in progress of the entering or assigned agency only (ADR 0034)';

/** Whether a draft may be seen, given whether the caller's agency entered it or is assigned to it. */
export const maySeeDraft = (actsForOrder: boolean): boolean => actsForOrder;

/** The same rule over many orders at once: a list or query includes the caller's own and assigned drafts. */
export const DRAFT_REACH = 'own' as const;
