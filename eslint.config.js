import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// The engine must stay pure and deterministic: the same scenario and seed replay byte for byte,
// in the worker, in unit tests and in the headless runner. These rules keep the layering honest.
const engineBoundary = {
  files: ['src/engine/**/*.ts'],
  ignores: ['src/engine/**/*.test.ts'],
  languageOptions: { globals: { ...globals.es2022 } },
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
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
        ],
      },
    ],
    'no-restricted-properties': [
      'error',
      { object: 'Date', property: 'now', message: 'Use the simulated clock.' },
      { object: 'Math', property: 'random', message: 'Use the seeded generator (sim/rng).' },
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
);
