/**
 * Schema names are spliced into SQL text (identifiers cannot be bound as parameters), so
 * only plain lower-case identifiers are accepted; everything else is refused up front.
 */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export const DEFAULT_SCHEMA = 'ccpor';

export const assertSchemaName = (schema: string): string => {
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(`invalid schema name ${JSON.stringify(schema)}: use lower-case letters, digits and _ (at most 63)`);
  }
  return schema;
};

/** Replaces every `{{schema}}` in a SQL template with the quoted schema name. */
export const inSchema = (template: string, schema: string): string =>
  template.replaceAll('{{schema}}', `"${assertSchemaName(schema)}"`);
