import * as t from 'io-ts';

/**
 * A request body: required and optional properties, unknown ones stripped. Each half is exact on
 * its own inside the intersection, so a failure's path reads `details.caseNumber` (domain
 * `errorPath` skips intersection members) and extra properties never reach a command.
 */
export function bodyCodec<R extends t.Props>(name: string, required: R): t.Type<t.TypeOf<t.TypeC<R>>, unknown, unknown>;
export function bodyCodec<R extends t.Props, O extends t.Props>(name: string, required: R, optional: O): t.Type<t.TypeOf<t.TypeC<R>> & t.TypeOf<t.PartialC<O>>, unknown, unknown>;
export function bodyCodec(name: string, required: t.Props, optional?: t.Props): t.Type<any, unknown, unknown> { // eslint-disable-line @typescript-eslint/no-explicit-any -- overloads give callers the precise type
  return optional === undefined
    ? (t.exact(t.type(required), name) as t.Type<unknown, unknown, unknown>)
    : (t.intersection([t.exact(t.type(required)), t.exact(t.partial(optional))], name) as t.Type<unknown, unknown, unknown>);
}
