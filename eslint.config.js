import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
  { ignores: ['dist/', 'dist-*/', '.cache/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, __APP_VERSION__: 'readonly', __PODCAST_NAME__: 'readonly' } },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig } },
  },
  {
    rules: {
      // Transcript, query and imported text must never be rendered as HTML.
      'svelte/no-at-html-tags': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Code the page runs never loads ICU: its first use is a long task on a phone (see ARCHITECTURE.md).
    files: ['src/app/**', 'src/lib/*.ts', 'src/lib/packs/**', 'src/lib/search/**', 'src/lib/favourites/**'],
    ignores: ['src/lib/ingest.ts', 'src/lib/feed.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString', 'localeCompare'].map((property) => ({
          property,
          message: 'loads ICU on the page: use formatCount (src/lib/count.ts), or compare plain strings',
        })),
      ],
      'no-restricted-globals': ['error', { name: 'Intl', message: 'loads ICU on the page' }],
    },
  },
);
