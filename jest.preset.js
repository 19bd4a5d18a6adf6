// Shared jest settings: swc strips types (tsc -b does the type checks), workspace
// imports resolve to sources so `npm test` needs no build step.
const path = require('node:path');

module.exports = function preset(packageDir) {
  return {
    rootDir: packageDir,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/examples/**/*.test.ts'],
    transform: {
      '^.+\\.ts$': [
        '@swc/jest',
        {
          jsc: {
            parser: { syntax: 'typescript', decorators: true },
            transform: { legacyDecorator: true, decoratorMetadata: true },
            target: 'es2022',
          },
          module: { type: 'commonjs' },
        },
      ],
    },
    moduleNameMapper: {
      '^@ccpor/([a-z-]+)$': path.join(__dirname, 'packages/$1/src/index.ts'),
    },
    reporters: ['default', ['summary', {}]],
    testTimeout: 30000,
  };
};
