const preset = require('../../jest.preset.js')(__dirname);

// PGlite's CommonJS build loads parts of itself with `import()`, which jest's module sandbox
// refuses without --experimental-vm-modules. Passing those files through swc turns each
// `import()` into a `require()`, so the embedded store runs under plain `npx jest`.
const pgliteFiles = '^.+/node_modules/@electric-sql/pglite/dist/.+\\.c?js$';

module.exports = {
  ...preset,
  transform: {
    ...preset.transform,
    [pgliteFiles]: ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'ecmascript' } }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!@electric-sql/pglite/)'],
};
