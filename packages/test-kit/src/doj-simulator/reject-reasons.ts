import { type ProtocolErrorReason } from '@ccpor/carpos-protocol';

/** Reject reason code (ERC, a project table) for each protocol error. */
export const rejectCodeFor = (reason: ProtocolErrorReason): string => {
  switch (reason) {
    case 'unknown-message-key':
      return 'MKE';
    case 'unknown-field':
    case 'forbidden-field':
    case 'duplicate-field':
      return 'UNK';
    case 'missing-required-field':
    case 'missing-one-of':
    case 'incomplete-group':
    case 'no-values':
      return 'REQ';
    case 'too-short':
    case 'too-long':
      return 'LEN';
    case 'bad-character':
    case 'invalid-name':
    case 'mask-mismatch':
    case 'invalid-height':
      return 'CHR';
    case 'not-in-code-table':
      return 'TAB';
    case 'invalid-date':
    case 'invalid-time':
      return 'DAT';
    case 'too-many-repeats':
      return 'RPT';
    case 'invalid-input':
    case 'empty-message':
    case 'missing-terminator':
    case 'missing-separator':
    case 'bad-field-code':
    case 'unescaped-reserved-character':
    case 'bad-escape':
    case 'too-many-positions':
      return 'FMT';
  }
};

/** Reject text fit for the ERM field: printable ASCII, at most 200 characters, never empty. */
export const rejectText = (text: string): string => {
  const printable = text.replace(/[^\x20-\x7e]/g, '?').trim().slice(0, 200).trim();
  return printable.length > 0 ? printable : 'MESSAGE REJECTED';
};
