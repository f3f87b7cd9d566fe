// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/**
 * Modules that load TensorFlow.js, directly or through what they import. The page's main thread
 * must not load them: tfjs runs in the engine worker (src/workers/engine.worker.ts), and
 * tests/build/bundle.test.ts checks the built chunks. `import type` from them is fine.
 */
const TFJS_MODULES = [
  '**/core/tf',
  '**/core/model/*',
  // The flat parameter layout is plain numbers (the network view reads it on the page).
  '!**/core/model/layout',
  '**/core/train/optimizer',
  '**/core/train/population',
  '**/core/train/run',
  '**/core/sequence/model',
  '**/core/sequence/trainer',
  '**/core/tune/network',
];

export default tseslint.config(
  { ignores: ['dist/', 'dev-dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Only React code has hooks; the engine's `useBackend` is a plain function.
    files: ['src/ui/**/*.tsx', 'src/ui/**/*.ts', 'src/App.tsx'],
    ignores: ['**/*.worker.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // The page's main thread: everything in src/ui and src/store except the workers themselves.
    files: [
      'src/ui/**/*.{ts,tsx}',
      'src/store/**/*.ts',
      'src/workers/engine.ts',
      'src/workers/*-client.ts',
      'src/workers/pool.ts',
      'src/workers/protocol.ts',
      'src/App.tsx',
      'src/main.tsx',
    ],
    ignores: ['**/*.worker.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@tensorflow/tfjs',
              message: 'TensorFlow.js runs in the engine worker, not on the page.',
            },
          ],
          patterns: [
            {
              group: ['@tensorflow/*'],
              message: 'TensorFlow.js runs in the engine worker, not on the page.',
            },
            {
              regex: '(^|/)core(/index)?$',
              message:
                "The core index loads TensorFlow.js: import the specific pure module (e.g. '../../core/config/parameters').",
            },
            {
              group: TFJS_MODULES,
              allowTypeImports: true,
              message:
                'This module loads TensorFlow.js, which runs in the engine worker: use `import type`, or move the pure helper to a module without tfjs.',
            },
          ],
        },
      ],
    },
  },
);
