import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// The engine must stay pure and deterministic: the same scenario and seed replay byte for byte,
// in the worker, in unit tests and in the headless runner. These rules keep the layering honest.
const enginePatterns = [
  {
    group: ['react', 'react-dom', 'react/*', 'react-dom/*'],
    message: 'src/engine must not use React.',
  },
  {
    group: ['**/components/**', '**/state/**', '**/worker/**'],
    message: 'src/engine is the bottom layer.',
  },
  {
    group: ['zustand', '@xyflow/*', 'motion', 'motion/*'],
    message: 'src/engine must not use UI libraries.',
  },
  { group: ['node:*', 'fs', 'path'], message: 'src/engine must run in a browser worker too.' },
];

const engineBoundary = {
  files: ['src/engine/**/*.ts'],
  ignores: ['src/engine/**/*.test.ts'],
  languageOptions: { globals: { ...globals.es2022 } },
  rules: {
    'no-restricted-imports': ['error', { patterns: enginePatterns }],
    'no-restricted-properties': [
      'error',
      { object: 'Date', property: 'now', message: 'Use the simulated clock.' },
      { object: 'Math', property: 'random', message: 'Use the seeded generator (base/rng).' },
      { object: 'performance', property: 'now', message: 'Use the simulated clock.' },
    ],
    'no-restricted-globals': [
      'error',
      { name: 'window', message: 'No DOM in src/engine.' },
      { name: 'document', message: 'No DOM in src/engine.' },
      { name: 'self', message: 'No worker API in src/engine.' },
      { name: 'postMessage', message: 'No worker API in src/engine.' },
      { name: 'setTimeout', message: 'Use the simulated clock.' },
      { name: 'setInterval', message: 'Use the simulated clock.' },
    ],
    'no-restricted-syntax': [
      'error',
      {
        selector: "NewExpression[callee.name='Date'][arguments.length=0]",
        message: 'Use the simulated clock.',
      },
    ],
  },
};

/**
 * The engine's floors, from the ground up: a file may import its own floor and those below it, never one
 * above (docs/architecture.md). Tests and test helpers may build a whole cluster, so they are exempt.
 */
const FLOORS = [
  ['base', []],
  ['api', ['base']],
  ['sim', ['base', 'api']],
  ['manifest', ['base', 'api']],
  ['controllers', ['base', 'api', 'sim']],
  ['world', ['base', 'api', 'sim', 'controllers']],
  ['goals', ['base', 'api', 'sim', 'controllers', 'world']],
  ['kubectl', ['base', 'api', 'sim', 'manifest', 'controllers', 'world']],
  ['inputs', ['base', 'api', 'sim', 'manifest', 'controllers', 'world', 'kubectl']],
  ['cluster', ['base', 'api', 'sim', 'controllers', 'world']],
  ['scenario', ['base', 'api', 'sim', 'manifest', 'controllers', 'world', 'kubectl', 'inputs', 'cluster']],
];
const FLOOR_NAMES = FLOORS.map(([name]) => name);
const floorRules = FLOORS.map(([floor, below]) => {
  const above = FLOOR_NAMES.filter((f) => f !== floor && !below.includes(f));
  return {
    files:
      floor === 'inputs' || floor === 'cluster'
        ? [`src/engine/${floor}.ts`]
        : [`src/engine/${floor}/**/*.ts`],
    ignores: ['src/engine/**/*.test.ts', 'src/engine/**/test{kit,util,cluster}.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...enginePatterns,
            {
              regex: `^(\\.\\./)+(${above.join('|')})(/|$)`,
              message: `src/engine/${floor} may not import a floor above it (${above.join(', ')}).`,
            },
          ],
        },
      ],
    },
  };
});

/** Outside src/engine, the engine is reached through its front door, src/engine/index.ts, only. */
const engineFrontDoor = {
  files: ['src/**/*.{ts,tsx}', 'scripts/**/*.ts', 'e2e/**/*.ts'],
  ignores: ['src/engine/**'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            // Two named public modules besides the index: engine/kubectl (the command registry, whose import
            // registers every command) and the generated JSON schema (data for the editor).
            regex: '(^|/)engine/(?!kubectl$)(?!api/schema/kubernetes\\.json$).+',
            message: "Import the engine from its front door ('…/engine'), not from its files.",
          },
        ],
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.tsx', 'src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  engineBoundary,
  ...floorRules,
  engineFrontDoor,
);
