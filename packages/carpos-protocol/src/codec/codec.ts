import * as E from 'fp-ts/Either';
import { type Dictionary } from '../dictionary/dictionary-codec';
import { type DictionaryError } from '../dictionary/dictionary-error';
import { defaultDictionary } from '../dictionary/default-dictionary';
import { loadDictionary } from '../dictionary/load-dictionary';
import { encodeKeyword, parseKeyword } from '../layout/keyword-layout';
import { encodePositional, parsePositional } from '../layout/positional-layout';
import { rawPosition } from '../layout/escaping';
import { type ParsedText } from '../layout/parsed-text';
import { type Message } from '../model/message';
import { type DecodeError, type EncodeError } from '../model/protocol-error';
import { compiledFor, type CompiledDictionary } from '../validation/compiled-dictionary';
import { type MessageProblem, validateMessage } from '../validation/validate-message';

export type Layout = 'keyword' | 'positional';

export interface CodecOptions {
  /** Keyword (`CODE/value.`) unless said otherwise. */
  readonly layout?: Layout;
}

/** Encoder, decoder and validator bound to one dictionary. */
export interface ProtocolCodec {
  readonly dictionary: Dictionary;
  /** Validates every field, then writes the message text. */
  encode(message: Message, options?: CodecOptions): E.Either<EncodeError[], string>;
  /** Reads a message text and validates it; errors carry the character position. */
  decode(text: string, options?: CodecOptions): E.Either<DecodeError[], Message>;
  /** Checks a message without writing it. */
  validate(message: Message): EncodeError[];
}

const toEncodeError = (problem: MessageProblem): EncodeError => ({
  reason: problem.reason,
  message: problem.message,
  ...(problem.field === undefined ? {} : { field: problem.field }),
  ...(problem.valueIndex === undefined ? {} : { valueIndex: problem.valueIndex }),
  ...(problem.offset === undefined ? {} : { offset: problem.offset }),
});

const positionOf = (dictionary: CompiledDictionary, text: string, parsed: ParsedText, problem: MessageProblem): number => {
  switch (problem.part) {
    case 'key':
      return 0;
    case 'ori':
      return rawPosition(text, parsed.oriStart, problem.offset ?? 0, dictionary.syntax);
    case 'message':
      return text.length;
    case 'field': {
      const index = problem.fieldIndex ?? -1;
      const codeStarts = parsed.codeStarts[index];
      const valueStarts = parsed.valueStarts[index];
      if (codeStarts === undefined || valueStarts === undefined) return text.length;
      const valueIndex = problem.valueIndex ?? 0;
      if (problem.offset === undefined) return codeStarts[valueIndex] ?? codeStarts[0] ?? text.length;
      const start = valueStarts[valueIndex];
      return start === undefined ? text.length : rawPosition(text, start, problem.offset, dictionary.syntax);
    }
  }
};

const encodeWith =
  (dictionary: CompiledDictionary) =>
  (message: Message, options?: CodecOptions): E.Either<EncodeError[], string> => {
    const problems = validateMessage(dictionary, message);
    if (problems.length > 0) return E.left(problems.map(toEncodeError));
    return E.right(options?.layout === 'positional' ? encodePositional(dictionary, message) : encodeKeyword(dictionary, message));
  };

const decodeWith =
  (dictionary: CompiledDictionary) =>
  (text: string, options?: CodecOptions): E.Either<DecodeError[], Message> => {
    if (typeof text !== 'string') return E.left([{ reason: 'invalid-input', position: 0, message: 'a message text must be a string' }]);
    if (text.length === 0) return E.left([{ reason: 'empty-message', position: 0, message: 'the text is empty' }]);
    const errors: DecodeError[] = [];
    const parsed = options?.layout === 'positional' ? parsePositional(dictionary, text, errors) : parseKeyword(dictionary, text, errors);
    const message: Message = { key: parsed.key, ori: parsed.ori, fields: parsed.fields };
    // A key the dictionary lacks makes every later complaint noise; report it first and alone.
    const problems = errors.length === 0 || !dictionary.messages.has(parsed.key) ? validateMessage(dictionary, message, true) : [];
    const keyProblem = problems.find((problem) => problem.reason === 'unknown-message-key');
    if (keyProblem !== undefined) return E.left([{ reason: keyProblem.reason, message: keyProblem.message, position: 0, field: 'MKE' }]);
    if (errors.length > 0) return E.left(errors);
    if (problems.length > 0) {
      return E.left(
        problems.map((problem) => ({
          reason: problem.reason,
          message: problem.message,
          position: positionOf(dictionary, text, parsed, problem),
          ...(problem.field === undefined ? {} : { field: problem.field }),
        })),
      );
    }
    return E.right(message);
  };

/** Binds the encoder and decoder to a dictionary, compiled once. */
export const createCodec = (dictionary: Dictionary): ProtocolCodec => {
  const compiled = compiledFor(dictionary);
  return {
    dictionary,
    encode: encodeWith(compiled),
    decode: decodeWith(compiled),
    validate: (message) => validateMessage(compiled, message).map(toEncodeError),
  };
};

/**
 * The codec factory for an outside specification: pass the parsed JSON of a dictionary
 * file (for example the DOJ's) and get a codec, or every reason the file was refused.
 */
export const createCodecFromJson = (document: unknown): E.Either<DictionaryError[], ProtocolCodec> =>
  E.map(createCodec)(loadDictionary(document));

/** Encodes with the given dictionary, the default one if none is given. */
export const encode = (message: Message, dictionary: Dictionary = defaultDictionary, options?: CodecOptions): E.Either<EncodeError[], string> =>
  encodeWith(compiledFor(dictionary))(message, options);

/** Decodes with the given dictionary, the default one if none is given. */
export const decode = (text: string, dictionary: Dictionary = defaultDictionary, options?: CodecOptions): E.Either<DecodeError[], Message> =>
  decodeWith(compiledFor(dictionary))(text, options);
