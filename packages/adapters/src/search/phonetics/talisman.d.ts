// talisman 1.1.4 ships CommonJS without type declarations; these are the two modules used.
declare module 'talisman/phonetics/double-metaphone' {
  /** [primary, alternate], each at most four characters. */
  const doubleMetaphone: (word: string) => [string, string];
  export default doubleMetaphone;
}

declare module 'talisman/phonetics/soundex' {
  const soundex: (name: string) => string;
  export default soundex;
}
