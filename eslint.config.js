// One linter for the whole repository: ESLint's and typescript-eslint's recommended rules (no
// type information, so it stays fast). Generated files are the generator's to get right.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/gen/**',
      '**/*.gen.*',
      'docs/api/**',
      '**/fixtures/**',
      '**/dist/**',
      'node_modules/**',
      '.tmp/**',
      '.tmp-*/**',
      '**/node_modules/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    rules: {
      // A leading underscore marks a value left unused on purpose (a rest sibling drops a key).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // Go-fidelity code matches control characters on purpose (JSON quoting, MIME, URLs, JUnit XML).
      'no-control-regex': 'off',
      // A binding a signal handler reads before its one assignment (a server still starting) is a `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    // Tests read parsed JSON of every shape; `any` there is the honest type.
    files: ['**/test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Browser pages the end-to-end tests serve.
    files: ['**/*.browser.js', 'examples/*/public/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
