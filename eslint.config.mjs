// @ts-check
import eslint from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'scripts/*.js',
      'node_modules/**',
      'coverage/**',
      'clients/**',
      'tools/**',
      'test/browser/jest.config.js',
      'test-output/**',
      'eslint.config.mjs',
      '.dependency-cruiser.cjs',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // ---- architecture (issue 12): imports first; data access only in repositories and src/database/ ----
  {
    plugins: { 'import-x': importX },
    rules: { 'import-x/first': 'error' },
  },
  {
    // dependency-cruiser (.dependency-cruiser.cjs) checks which modules import which; these are the
    // names it cannot see. Only `*.repository.ts` and `src/database/**` may use them.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.repository.ts', 'src/database/**', 'src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'typeorm',
              importNames: ['DataSource', 'Repository'],
              message:
                'Statements live in a <feature>/<name>.repository.ts; services call repositories (issue 12).',
            },
            {
              name: '@nestjs/typeorm',
              importNames: ['InjectRepository', 'InjectDataSource'],
              message:
                'Statements live in a <feature>/<name>.repository.ts; services call repositories (issue 12).',
            },
            { name: 'better-sqlite3', message: 'Only src/database/ touches a driver handle (issue 12).' },
            { name: 'pg', message: 'Only src/database/ touches a driver handle (issue 12).' },
          ],
          patterns: [
            {
              group: ['**/database/sql'],
              importNames: ['Sql'],
              message: 'Only repositories run Sql statements; services call repositories (issue 12).',
            },
          ],
        },
      ],
    },
  },
  // ---- end architecture ----
);
