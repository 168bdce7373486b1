// Lint rules that guard Temporal's constraints: workflow code must not reach
// Node or the activities (it runs in a deterministic sandbox), and no promise
// may float anywhere (a lost activity or update result is a silent bug).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', '.tools/**', '.data/**', 'coverage/**'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.base],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
    },
  },
  {
    files: ['workflows/**/*.ts', 'domain/**/*.ts', 'contracts/**/*.ts'],
    // The typed start helpers are the client's side of the contracts.
    ignores: ['contracts/start.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'Workflow and domain code is deterministic: no Node APIs.' },
            {
              group: ['**/activities', '**/activities/**'],
              allowTypeImports: true,
              message: 'Workflows import activity types only, through proxyActivities.',
            },
            { group: ['@temporalio/client', '@temporalio/worker', '@temporalio/activity'], message: 'Not available in the workflow sandbox.' },
          ],
          paths: ['fs', 'path', 'child_process', 'net', 'http', 'os', 'crypto'],
        },
      ],
    },
  },
  {
    // Type-only imports of the activities are how proxyActivities is typed.
    files: ['workflows/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'error' },
  },
);
