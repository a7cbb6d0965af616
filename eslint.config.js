// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', '.venv/', '.data/', 'dist/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The web UI's client scripts run in the browser (sw.js as its service worker).
    files: ['api/web/static/*.js'],
    languageOptions: { globals: { ...globals.browser, ...globals.serviceworker } },
  },
  {
    // kysely's migration guide: migrations are frozen in time and use Kysely<any>.
    files: ['db/migrations/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Layers: the API starts workflows and reads repositories, never activities; db/ serves everyone above it.
    files: ['api/**/*.ts', 'api/**/*.tsx', 'db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/activities/*'], message: 'api/ and db/ never import activities/' }] },
      ],
    },
  },
  {
    // launchers/ is Temporal's client side, shared by the API, the workers and scripts: it knows none of them.
    files: ['launchers/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/api/*', '**/workers/*', '**/scripts/*'],
              message: 'launchers/ never imports api/, workers/ or scripts/',
            },
            { group: ['**/activities/*'], message: 'launchers/ start workflows; activities run in workers' },
          ],
        },
      ],
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no Node builtins, no I/O.
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'pg', 'kysely'],
          patterns: [
            {
              group: ['../activities/*', '../db/*', '../api/*'],
              allowTypeImports: true,
              message: 'workflows import activity types only',
            },
          ],
        },
      ],
    },
  },
);
