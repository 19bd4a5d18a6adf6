/**
 * Checkpoints live beside the views they describe, in the same schema, and move in the same
 * transaction as the view rows: a view and its checkpoint can never disagree. `position` is the
 * opaque GlobalPosition text, compared with the "C" collation because the port promises that
 * its byte order is log order. NULL means "before the first event".
 */
export const checkpointsMigration = {
  id: 'views-0001-checkpoints',
  sql: `
CREATE TABLE {{schema}}.projection_checkpoints (
  projection        text PRIMARY KEY,
  position          text COLLATE "C",
  last_recorded_at  timestamptz,
  updated_at        timestamptz NOT NULL DEFAULT now()
);
`,
} as const;
