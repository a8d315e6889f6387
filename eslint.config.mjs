// Lint rules that the type checker does not cover. Type-aware: a promise nobody awaits or handles is an error,
// because a write that fails unobserved is a write somebody believes was saved.
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  {
    files: ['src-main/**/*.ts', 'src-preload/**/*.ts', 'src-renderer/src/**/*.{ts,tsx}', 'test/**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname }
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      'no-debugger': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }]
    }
  },
  {
    // The contract's modules build zod schemas as they load: a value imported from them would bring zod and every
    // schema into the renderer's first chunk, which only needs the words. Values come from src-preload/vocabulary.ts.
    files: ['src-renderer/src/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@preload/contract',
                '@preload/contract-*',
                '**/src-preload/contract',
                '**/src-preload/contract-*'
              ],
              allowTypeImports: true,
              message: 'The renderer takes only types from the contract; values come from src-preload/vocabulary.'
            }
          ]
        }
      ]
    }
  },
  {
    // Issue 17: no component over 150 lines. One that long is several things at once: a dialog and its state, a
    // section of the page, a hook that loads; split it where they part.
    files: ['src-renderer/src/**/*.tsx'],
    rules: {
      'max-lines-per-function': ['error', { max: 150, skipBlankLines: true, skipComments: true }]
    }
  }
)
