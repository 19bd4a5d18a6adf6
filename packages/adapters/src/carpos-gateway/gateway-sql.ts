import { inSchema } from '../sql/schema-name';

/** Binds a schema once; `q('SELECT … FROM {{schema}}.carpos_outbox')` gives the statement text. */
export const schemaSql = (schema: string): ((template: string) => string) => {
  const cache = new Map<string, string>();
  return (template) => {
    let text = cache.get(template);
    if (text === undefined) {
      text = inSchema(template, schema);
      cache.set(template, text);
    }
    return text;
  };
};

/** Rows of the outbox that still need the link: they block later rows of the same order. */
export const OPEN_STATUSES = ['awaiting-data', 'pending', 'in-flight', 'dead'] as const;
/** Rows that are done, one way or another. */
export const CLOSED_STATUSES = ['acknowledged', 'rejected', 'merged', 'withdrawn'] as const;

export type OutboxStatus = (typeof OPEN_STATUSES)[number] | (typeof CLOSED_STATUSES)[number];
