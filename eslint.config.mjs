// Lint for the whole workspace: type-checked typescript-eslint rules, Nx module
// boundaries (scope tags in each project.json) and Prettier for formatting.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.data/**',
      '**/coverage/**',
      '**/.nx/**',
      'prisma/migrations/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:api', 'scope:shared'] },
            { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            {
              sourceTag: 'scope:tests',
              onlyDependOnLibsWithTags: ['scope:api', 'scope:shared', 'scope:tests'],
            },
          ],
        },
      ],
      // NestJS types its option bags as classes; object literals for them are the documented use.
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-extraneous-class': ['error', { allowWithDecorator: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Plain JavaScript files (configs, tools) are not part of a TypeScript program.
    files: ['**/*.{js,cjs,mjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Tool configuration files sit outside the project graph's source code.
    files: ['**/jest.config.cjs', '**/vite.config.mts', 'jest.preset.cjs'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Shared libraries stay free of I/O frameworks so both apps can use them.
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', '@prisma/*', 'react', 'react-dom', 'react/*'],
              message: 'libs/ are framework-free (scope:shared).',
            },
          ],
        },
      ],
    },
  },
  {
    // Only repositories (and the Prisma module itself) may talk to Prisma.
    files: ['apps/api/src/**/*.ts'],
    ignores: [
      'apps/api/src/**/*.repository.ts',
      'apps/api/src/prisma/**',
      // The ability's conditions are Prisma where-clauses by design (@casl/prisma).
      'apps/api/src/access/workspace-ability.ts',
      // The ability's read rules compiled to SQL over Prisma's model metadata (Prisma.sql).
      'apps/api/src/access/ability-sql.ts',
      // A stand-alone command, outside Nest's dependency injection.
      'apps/api/src/**/*.cli.ts',
      'apps/api/src/**/*.spec.ts',
      'apps/api/src/**/*.int-spec.ts',
      'apps/api/src/demo/**',
      'apps/api/src/testing/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@prisma/client', '@prisma/*'],
              message: 'Only *.repository.ts files use Prisma.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', 'tests/**/*.ts'],
    languageOptions: { globals: { ...globals.jest } },
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      // Response bodies from supertest are `any` by design; the assertions check their shape.
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  prettier,
);
