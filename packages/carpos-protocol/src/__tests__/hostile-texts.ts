import fc from 'fast-check';
import { type Layout } from '../codec/codec';
import { type Message } from '../model/message';
import { type DecodeError } from '../model/protocol-error';

// Texts to throw at the decoder: strings over the protocol's own alphabet, and valid texts
// with a few characters changed, dropped, inserted or swapped.

export const protocolAlphabet = fc.constantFrom(...'EPOQXMCSHACK$0123456789NAMSEXPCOMIS./;\\, -\t\u0000\u00ff\u2028'.split(''));

type Mutation = { kind: 'replace' | 'insert' | 'delete' | 'swap'; at: number; char: string };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('replace', 'insert', 'delete', 'swap'),
  at: fc.nat(),
  char: fc.oneof(protocolAlphabet, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })),
});

export const mutate = (text: string, mutations: readonly Mutation[]): string =>
  mutations.reduce((t, m) => {
    if (t.length === 0) return m.char;
    const at = m.at % t.length;
    switch (m.kind) {
      case 'replace':
        return t.slice(0, at) + m.char + t.slice(at + 1);
      case 'insert':
        return t.slice(0, at) + m.char + t.slice(at);
      case 'delete':
        return t.slice(0, at) + t.slice(at + 1);
      case 'swap': {
        const other = (at + 1) % t.length;
        const chars = t.split('');
        [chars[at], chars[other]] = [chars[other] ?? '', chars[at] ?? ''];
        return chars.join('');
      }
    }
  }, text);

/** Valid messages from `messages`, encoded in either layout, then damaged a little. */
export const mutatedTexts = (messages: fc.Arbitrary<Message>, encodeText: (message: Message, layout: Layout) => string): fc.Arbitrary<string> =>
  fc
    .tuple(messages, fc.constantFrom<Layout>('keyword', 'positional'), fc.array(mutation, { minLength: 1, maxLength: 4 }))
    .map(([message, layout, mutations]) => mutate(encodeText(message, layout), mutations));

export const wellFormedErrors = (errors: readonly DecodeError[], text: string): boolean =>
  errors.length > 0 && errors.every((e) => Number.isInteger(e.position) && e.position >= 0 && e.position <= text.length && e.message.length > 0);
