import type * as t from 'io-ts';

type Schema = Record<string, unknown>;

/**
 * JSON Schema (2020-12, as OpenAPI 3.1 uses it) from an io-ts codec. Refinements become their
 * base schema with the refinement's name as description, because a predicate cannot be
 * translated; the server still enforces it and names it in the 400 problem.
 */
export const toJsonSchema = (codec: t.Mixed, depth = 0): Schema => {
  if (depth > 12) return {};
  const c = codec as unknown as { _tag?: string; name: string } & Record<string, unknown>;
  const next = (x: unknown) => toJsonSchema(x as t.Mixed, depth + 1);
  switch (c._tag) {
    case 'StringType':
      return { type: 'string' };
    case 'NumberType':
      return { type: 'number' };
    case 'BooleanType':
      return { type: 'boolean' };
    case 'NullType':
      return { type: 'null' };
    case 'UnknownType':
    case 'AnyType':
      return {};
    case 'LiteralType':
      return { const: c.value };
    case 'KeyofType':
      return { type: 'string', enum: Object.keys(c.keys as object) };
    case 'ArrayType':
    case 'ReadonlyArrayType':
      return { type: 'array', items: next(c.type) };
    case 'InterfaceType':
    case 'PartialType': {
      const props = c.props as Record<string, t.Mixed>;
      return {
        type: 'object',
        properties: Object.fromEntries(Object.entries(props).map(([k, v]) => [k, next(v)])),
        ...(c._tag === 'InterfaceType' ? { required: Object.keys(props).filter((k) => (props[k] as unknown as { _tag?: string })._tag !== 'UndefinedType') } : {}),
      };
    }
    case 'AnyDictionaryType':
      return { type: 'object', additionalProperties: {} };
    case 'DictionaryType':
      // An object of free keys (t.record): every value of the codomain's schema.
      return { type: 'object', additionalProperties: next(c.codomain) };
    case 'ExactType':
    case 'ReadonlyType':
      return next(c.type);
    case 'RefinementType':
      return { ...next(c.type), description: c.name };
    case 'IntersectionType': {
      const parts = (c.types as t.Mixed[]).map(next);
      if (parts.every((p) => p.type === 'object')) {
        return {
          type: 'object',
          properties: Object.assign({}, ...parts.map((p) => p.properties)),
          required: parts.flatMap((p) => (p.required as string[] | undefined) ?? []),
        };
      }
      return { allOf: parts };
    }
    case 'UnionType':
      return { anyOf: (c.types as t.Mixed[]).map(next) };
    case 'RecursiveType':
      return { description: c.name };
    default:
      // Custom codecs (branded strings, dates) are strings on the wire in this code base.
      return c.name === 'Int' ? { type: 'integer' } : { type: 'string', description: c.name };
  }
};
