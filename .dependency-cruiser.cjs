// Import rules of docs/adr/0005-package-dependency-rules.md.
// Test files may use @ccpor/test-kit; production code follows the package ladder.
const notTest = '(?<!\\.test)\\.ts$';

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'packages/domain production code may import only fp-ts, io-ts and ts-pattern (and itself); its tests may use test-kit and fast-check.',
      severity: 'error',
      from: { path: '^packages/domain/src', pathNot: '(\\.test\\.ts$|/__tests__/)' },
      to: {
        pathNot: [
          '^packages/domain/src',
          'node_modules/(fp-ts|io-ts|ts-pattern)/',
          '^(fp-ts|io-ts|ts-pattern)(/|$)',
        ],
      },
    },
    {
      name: 'protocol-stands-alone',
      comment: 'packages/carpos-protocol may import only fp-ts and io-ts (not the domain).',
      severity: 'error',
      from: { path: '^packages/carpos-protocol/src', pathNot: '(\\.test\\.ts$|/__tests__/)' },
      to: {
        pathNot: ['^packages/carpos-protocol/src', 'node_modules/(fp-ts|io-ts)/', '^(fp-ts|io-ts)(/|$)'],
      },
    },
    {
      name: 'test-kit-below-adapters',
      comment: 'test-kit builds on domain and carpos-protocol only, so every package can use it in tests without a cycle.',
      severity: 'error',
      from: { path: '^packages/test-kit/src' },
      to: { path: '^packages/(adapters|app-http)/' },
    },
    {
      name: 'adapters-not-app',
      comment: 'adapters never import the HTTP app.',
      severity: 'error',
      from: { path: '^packages/adapters/src' },
      to: { path: '^packages/app-http/' },
    },
    {
      name: 'test-kit-only-in-tests',
      comment:
        'production code of adapters and app-http does not depend on test helpers: the registry ships without test-kit, jest, fast-check or the gRPC stand-in (ADR 0085). The memory store lives in adapters, the demo data in app-http.',
      severity: 'error',
      // __tests__/ holds test helpers and child processes of tests; the build leaves it out, as for the domain rule.
      from: { path: `^packages/(adapters|app-http)/src/.*${notTest}`, pathNot: '/__tests__/' },
      to: { path: '^packages/test-kit/' },
    },
    {
      name: 'no-test-libraries-at-run-time',
      comment: 'A package that is a dev dependency (jest, fast-check, supertest, pg in app-http …) is not imported by production code of adapters or app-http, so `npm ls --omit=dev` is what runs (ADR 0085).',
      severity: 'error',
      from: { path: `^packages/(adapters|app-http)/src/.*${notTest}`, pathNot: '/__tests__/' },
      to: { dependencyTypes: ['npm-dev'] },
    },
    {
      name: 'web-imports-domain-and-browser-libraries-only',
      comment:
        'packages/web runs in the browser: it may import the pure domain and browser libraries, never adapters, app-http, carpos-protocol or test-kit, and no node built-in (ADR 0050). Its unit tests follow the same rule.',
      severity: 'error',
      from: { path: '^packages/web/src' },
      to: { path: '^packages/(adapters|app-http|carpos-protocol|test-kit)/' },
    },
    {
      name: 'web-has-no-node-built-ins',
      comment: 'Browser code cannot use node built-ins (fs, crypto, path …).',
      severity: 'error',
      from: { path: '^packages/web/src' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'web-browser-tests-use-the-registry-over-http',
      comment: 'The browser tests start `ccpor serve` as a process and talk to it over HTTP, as a user does; they import no registry code.',
      severity: 'error',
      from: { path: '^packages/web/e2e' },
      to: { path: '^packages/(adapters|app-http|carpos-protocol|test-kit)/' },
    },
    {
      name: 'use-cases-know-no-http',
      comment:
        'The application layer (packages/app-http/src/use-cases) takes a decoded request and narrow dependencies and returns a value: it imports nothing of http/ (express requests, problems, the guard) and no route module, so the CLI can call it too (ADR 0081). Packages in node_modules are excluded from the graph, so express itself is kept out by review.',
      severity: 'error',
      from: { path: '^packages/app-http/src/use-cases' },
      to: { path: ['^packages/app-http/src/http/', '-routes\\.ts$'] },
    },
    {
      name: 'http-core-does-not-import-features',
      comment:
        'packages/app-http/src/http/ holds what every route module uses (router, problems, guard, principal, limits); only the assembly, http/app.ts, imports the feature folders, so features depend on http/ and never the other way (ADR 0082).',
      severity: 'error',
      from: { path: '^packages/app-http/src/http/', pathNot: ['^packages/app-http/src/http/app\\.ts$', '\\.test\\.ts$'] },
      to: { path: '^packages/app-http/src/', pathNot: '^packages/app-http/src/http/' },
    },
    {
      name: 'features-do-not-import-the-composition-root',
      comment:
        'Route modules and the other feature modules declare the services they read as their own interfaces; only the entry points (cli/, server/, the package index) and tests use composition/, which builds everything (ADR 0082).',
      severity: 'error',
      from: {
        path: '^packages/app-http/src/',
        pathNot: [
          '^packages/app-http/src/(composition|cli|server|__tests__)/',
          '^packages/app-http/src/index\\.ts$',
          '(\\.test\\.ts$|/__tests__/)',
        ],
      },
      to: { path: '^packages/app-http/src/composition/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|reports)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.tests.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
