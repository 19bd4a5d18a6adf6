import * as E from 'fp-ts/Either';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDictionary } from '../dictionary/default-dictionary';
import { type Message } from '../model/message';
import { decode, encode, type Layout } from './codec';

// Each fixture is a message text written by hand from the candidate conventions
// (docs/carpos-and-ncic.md [U]: MKE, ORI, period-terminated fields, MFC/value keywords) beside the JSON it means.
// `<name>.<layout>.txt` + `<name>.json` must decode to the JSON and encode back byte for byte;
// `<name>.invalid.<layout>.txt` + `<name>.errors.json` list the errors decoding must report.

const dir = join(__dirname, '..', '__fixtures__');
const files = readdirSync(dir);
const readText = (file: string): string => readFileSync(join(dir, file), 'latin1').replace(/\n$/, '');
const readJson = (file: string): unknown => JSON.parse(readFileSync(join(dir, file), 'utf8'));

const parse = (file: string): { name: string; layout: Layout; invalid: boolean } | undefined => {
  const match = /^(.+?)(\.invalid)?\.(keyword|positional)\.txt$/.exec(file);
  if (match === null) return undefined;
  return { name: match[1] ?? '', layout: match[3] === 'positional' ? 'positional' : 'keyword', invalid: match[2] !== undefined };
};

const fixtures = files.flatMap((file) => {
  const parsed = parse(file);
  return parsed === undefined ? [] : [{ file, ...parsed }];
});
const valid = fixtures.filter((f) => !f.invalid).map((f) => [f.file, f] as const);
const invalid = fixtures.filter((f) => f.invalid).map((f) => [f.file, f] as const);

describe('golden fixtures', () => {
  it('has a fixture for every message key and both layouts', () => {
    const keys = new Set(valid.map(([, f]) => (readJson(`${f.name}.json`) as Message).key));
    expect([...keys].sort()).toEqual(Object.keys(defaultDictionary.messages).sort());
    expect(new Set(valid.map(([, f]) => f.layout))).toEqual(new Set(['keyword', 'positional']));
    expect(invalid.length).toBeGreaterThan(0);
  });

  it.each(valid)('%s decodes to its JSON and encodes back exactly', (_file, fixture) => {
    const text = readText(fixture.file);
    const message = readJson(`${fixture.name}.json`) as Message;
    expect(decode(text, defaultDictionary, { layout: fixture.layout })).toEqual(E.right(message));
    expect(encode(message, defaultDictionary, { layout: fixture.layout })).toEqual(E.right(text));
  });

  it.each(invalid)('%s reports the listed errors', (_file, fixture) => {
    const text = readText(fixture.file);
    const expected = readJson(`${fixture.name}.errors.json`) as object[];
    const result = decode(text, defaultDictionary, { layout: fixture.layout });
    expect(E.isLeft(result)).toBe(true);
    if (E.isLeft(result)) expect(result.left).toEqual(expected.map((e) => expect.objectContaining(e)));
  });
});
