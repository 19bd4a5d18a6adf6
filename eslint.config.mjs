// Lint rules shared by every package; type checks themselves come from `tsc -b`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'reports/**', 'packages/*/reports/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    // The domain is pure: the clock and randomness come in through ports (ADR 0002).
    files: ['packages/domain/src/**/*.ts'],
    ignores: ['packages/domain/src/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Time comes from the Clock port.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Time comes from the Clock port.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Randomness comes from a port.' },
      ],
      'no-throw-literal': 'error',
    },
  },
  {
    // The container lives at the one composition root (ADR 0082); dependency-cruiser leaves node_modules out, so the rule is here.
    files: ['packages/**/*.ts', 'packages/**/*.tsx'],
    ignores: ['packages/app-http/src/composition/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'inversify', message: 'inversify is used in packages/app-http/src/composition/ only (ADR 0082); take services as arguments.' }] }],
    },
  },
);
