// Lint: typescript-eslint's recommended rules, plus the dependency rule of STYLE.md §1: the use cases
// (knowledge, retrieval, answers, eval, documents…) never import the Teams or HTTP stack; only src/bot and src/server do.
import tseslint from 'typescript-eslint';

const TRANSPORT_PACKAGES = ['botbuilder', 'botbuilder-*', 'botframework-*', '@microsoft/teams-ai', '@microsoft/teams-ai/*', 'restify'];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests build and inspect raw Bot Framework JSON on the wire, which is untyped by nature.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/knowledge/**', 'src/retrieval/**', 'src/answers/**', 'src/models/**', 'src/inventory/**', 'src/feedback/**', 'src/storage/**', 'src/eval/**', 'src/documents/**', 'src/cli/**', 'src/config.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: TRANSPORT_PACKAGES, message: 'Use cases stay free of Teams/HTTP types (STYLE.md §1): translate in src/bot.' },
            { group: ['**/bot/**', '**/server/**'], message: 'Use cases and the CLI must not depend on the transport layer.' },
          ],
        },
      ],
    },
  },
);
