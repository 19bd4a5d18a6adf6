import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { DraftDetails } from '../order/order-details';
import { decodeExact, unknownKeys } from './unknown-keys';
import { decodeWith } from './decode-error';
import { previewValue } from './value-preview';

const Settings = t.intersection([t.type({ enabled: t.boolean }), t.partial({ mnemonic: t.string, nested: t.exact(t.type({ a: t.number })) })]);
const Body = t.exact(t.type({ settings: Settings, list: t.array(t.type({ x: t.string })), either: t.union([t.type({ kind: t.literal('a'), a: t.string }), t.type({ kind: t.literal('b'), b: t.string })]) }));

describe('unknownKeys', () => {
  const ok = { settings: { enabled: true, nested: { a: 1 } }, list: [{ x: 'y' }], either: { kind: 'b', b: 'z' } };
  it('finds nothing in a body that says only what the codec declares', () => expect(unknownKeys(Body, ok)).toEqual([]));
  it('names unknown keys at any depth, in arrays, intersections and union members', () => {
    expect(unknownKeys(Body, { ...ok, extra: 1 })).toEqual(['extra']);
    expect(unknownKeys(Body, { ...ok, settings: { enabled: true, colour: 'red' } })).toEqual(['settings.colour']);
    expect(unknownKeys(Body, { ...ok, settings: { enabled: true, nested: { a: 1, b: 2 } } })).toEqual(['settings.nested.b']);
    expect(unknownKeys(Body, { ...ok, list: [{ x: 'y' }, { x: 'y', z: 1 }] })).toEqual(['list.1.z']);
    expect(unknownKeys(Body, { ...ok, either: { kind: 'b', b: 'z', a: 'no' } })).toEqual(['either.a']);
  });
  it('treats a JSON `__proto__` key as the unknown key it is (never as the prototype)', () => {
    const parsed = JSON.parse('{"settings":{"enabled":true,"__proto__":{"mnemonic":"X"}},"list":[],"either":{"kind":"a","a":"x"}}');
    expect(unknownKeys(Body, parsed)).toEqual(['settings.__proto__']);
  });
  it('refuses through decodeExact with the field named', () => {
    const r = decodeExact(Body)({ ...ok, settings: { enabled: true, colour: 'red' } });
    expect(E.isLeft(r) && r.left).toMatchObject({ code: 'INVALID_VALUE', field: 'settings.colour' });
    expect(E.isRight(decodeExact(Body)(ok))).toBe(true);
  });
  it('checks the order details the API takes', () => {
    expect(unknownKeys(DraftDetails, { caseNumber: 'FL-1', court: { ori: 'CA019015J', county: '19', name: 'x', floor: 2 } })).toEqual(['court.floor']);
  });
});

describe('error paths', () => {
  it('skip the member index of an intersection wrapped in t.exact', () => {
    const r = decodeWith(t.exact(t.intersection([t.type({ roles: t.array(t.string) }), t.partial({ agencyOri: t.string })])))({ roles: 'x' });
    expect(E.isLeft(r) && r.left.field).toBe('roles');
  });
});

describe('error descriptions of hostile values', () => {
  it('describe a value nested 100,000 levels deep without overflowing the stack', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    const r = decodeWith(t.type({ a: t.string }))(deep);
    expect(E.isLeft(r) && r.left.code).toBe('INVALID_VALUE');
    expect(previewValue(deep).length).toBeLessThanOrEqual(61);
  });
  it('keep short values as JSON', () => {
    expect(previewValue({ a: [1, 'x', null] })).toBe('{"a":[1,"x",null]}');
    expect(previewValue('x'.repeat(1000)).length).toBeLessThanOrEqual(61);
  });
});
