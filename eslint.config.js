// Lint rules that carry the project's conventions (docs/STYLE.md): browser-safe packages never import
// node:*, and clock / randomness come only from kernel's system implementations.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const browserSafePackages = [
  'packages/kernel/**',
  'packages/iso8583/**',
  'packages/emv/**',
  'packages/crypto/**',
  'packages/protocol/**',
  'packages/terminal/**',
  'packages/software/**',
  'apps/web/src/**',
];
const systemSources = [
  'packages/kernel/src/clock/system-clock.ts',
  'packages/kernel/src/random/system-random.ts',
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Inject a Clock (kernel) instead.' },
        { object: 'Math', property: 'random', message: 'Inject a RandomSource (kernel) instead.' },
        { object: 'performance', property: 'now', message: 'Inject a Clock (kernel) instead.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Inject a Clock (kernel) instead of reading the system time.',
        },
      ],
    },
  },
  {
    files: browserSafePackages,
    // crypto's, terminal's and software's node/ entry points are their Node implementations of browser-safe ports.
    ignores: [
      '**/test/**',
      'packages/crypto/src/node/**',
      'packages/terminal/src/node/**',
      'packages/software/src/node/**',
    ],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'crypto', 'util', 'buffer', 'net', '!@payterm/**'],
              message: 'Browser-safe package: no Node.js modules.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'Buffer', message: 'Browser-safe package: use Uint8Array.' },
        { name: 'process', message: 'Browser-safe package: no process.' },
      ],
    },
  },
  {
    files: [...systemSources, 'bench/**', '**/test/**'],
    rules: { 'no-restricted-properties': 'off', 'no-restricted-syntax': 'off' },
  },
);
