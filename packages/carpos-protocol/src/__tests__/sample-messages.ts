import { type Message } from '../model/message';

/** A complete entry used by example tests and the benchmark. */
export const sampleEntry: Message = {
  key: 'EPO',
  ori: 'CA0190000',
  fields: [
    { code: 'NAM', values: ['DOE,JOHN Q'] },
    { code: 'SEX', values: ['M'] },
    { code: 'RAC', values: ['W'] },
    { code: 'DOB', values: ['19800115'] },
    { code: 'HGT', values: ['510'] },
    { code: 'WGT', values: ['180'] },
    { code: 'HAI', values: ['BRO'] },
    { code: 'OCA', values: ['24DV00123'] },
    { code: 'PNO', values: ['24FL000123'] },
    { code: 'CTI', values: ['CA019015J'] },
    { code: 'ISD', values: ['20250301'] },
    { code: 'EXP', values: ['20280301'] },
    { code: 'PCO', values: ['01', '04', '07'] },
    { code: 'PPN', values: ['DOE,JANE'] },
    { code: 'MIS', values: ['STAY 100 YDS AWAY. NO CONTACT W/ CHILD'] },
  ],
};

export const withFields = (message: Message, change: (fields: Message['fields']) => Message['fields']): Message => ({
  ...message,
  fields: change(message.fields),
});

export const without = (message: Message, ...codes: string[]): Message =>
  withFields(message, (fields) => fields.filter((field) => !codes.includes(field.code)));

export const withField = (message: Message, code: string, ...values: string[]): Message =>
  withFields(message, (fields) => [...fields.filter((field) => field.code !== code), { code, values }]);
