/**
 * The project's own pages on the law (docs/law/ at the repository root), one per topic. Rule
 * tables and refusals cite the statute, rule of court or form, and the page that explains how the
 * registry reads it; nothing in the code relies on a document outside the repository.
 */
export const LAW_DOCS = {
  durations: 'docs/law/durations.md',
  service: 'docs/law/service.md',
  firearms: 'docs/law/firearms.md',
  dojDeadlines: 'docs/law/doj-deadlines.md',
  precedence: 'docs/law/precedence.md',
  calendar: 'docs/law/calendar.md',
  orderTypes: 'docs/law/order-types.md',
} as const;

export type LawDoc = (typeof LAW_DOCS)[keyof typeof LAW_DOCS];
