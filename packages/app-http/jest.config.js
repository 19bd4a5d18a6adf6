const preset = require('../../jest.preset.js')(__dirname);

// PGlite's CommonJS build loads parts of itself with `import()`, which jest's sandbox refuses
// without --experimental-vm-modules; swc turns those into `require()` (as in adapters/jest.config.js).
const pgliteFiles = '^.+/node_modules/@electric-sql/pglite[^/]*/dist/.+\\.c?js$';

module.exports = {
  ...preset,
  transform: {
    ...preset.transform,
    [pgliteFiles]: ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'ecmascript' } }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!@electric-sql/pglite)'],
  // On two cores jest runs these files one after another in one process. After the last file it
  // wrote its report, then stayed busy (some file leaves a timer or loop behind; not yet found: run
  // `npx jest --detectOpenHandles` to find it). CI must end, so jest exits once the report is written.
  forceExit: true,
};
