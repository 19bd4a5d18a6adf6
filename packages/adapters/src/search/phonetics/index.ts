export * from './nysiis';
export * from './double-metaphone';
export * from './soundex';
