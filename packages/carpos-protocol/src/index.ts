// Message model
export { MessageC, MessageFieldC, fieldValue, fieldValues, type Message, type MessageField } from './model/message';
export { type DecodeError, type EncodeError, type ProtocolErrorReason } from './model/protocol-error';

// Dictionary
export {
  DICTIONARY_FORMAT,
  DictionaryC,
  CodeTableC,
  FieldDefinitionC,
  MessageDefinitionC,
  type CodeTable,
  type CodeValue,
  type DateFormat,
  type Dictionary,
  type Direction,
  type FieldDefinition,
  type FieldRule,
  type FieldType,
  type MessageDefinition,
  type MessageRole,
  type Presence,
  type Syntax,
} from './dictionary/dictionary-codec';
export { type DictionaryError } from './dictionary/dictionary-error';
export { loadDictionary } from './dictionary/load-dictionary';
export { defaultDictionary } from './dictionary/default-dictionary';
export { messageKeysFor, codeTableValues } from './dictionary/dictionary-queries';

// Code tables (also reachable through defaultDictionary.codeTables)
export { sexTable, raceTable, ethnicityTable, eyeTable, hairTable, skinTable } from './code-tables/ncic-person-tables';
export { protectionOrderConditionsTable } from './code-tables/protection-order-conditions';
export { stateTable } from './code-tables/state-codes';

// Encoding and decoding
export {
  createCodec,
  createCodecFromJson,
  decode,
  encode,
  type CodecOptions,
  type Layout,
  type ProtocolCodec,
} from './codec/codec';

// Framing
export { encodeFrame, messageIdFromSequence, type Frame, type FrameError } from './framing/encode-frame';
export { FrameDecoder, type FrameDecoderOptions, type FrameEvent, type SkipReason } from './framing/frame-decoder';
export { STX, ETX, FRAME_OVERHEAD, MESSAGE_ID_LENGTH } from './framing/frame-format';
export { crc16 } from './framing/crc16';
