// Shared Jest settings: SWC compiles TypeScript (with decorator metadata for NestJS);
// type checking is the `typecheck` target's job, so tests stay fast.
const path = require('node:path');

const root = __dirname;

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': [
      require.resolve('@swc/jest'),
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true, tsx: true },
          transform: {
            legacyDecorator: true,
            decoratorMetadata: true,
            react: { runtime: 'automatic' },
          },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  // These packages ship only ES modules and Jest loads CommonJS, so SWC compiles them
  // too (everything else in node_modules stays untouched, as Jest's default ignores it).
  transformIgnorePatterns: [
    '/node_modules/(?!(openid-client|oauth4webapi|jose|oidc-provider|file-type|strtok3|token-types|peek-readable|uint8array-extras|@tokenizer|@borewit)/)',
  ],
  moduleNameMapper: {
    '^@atergang/contracts$': path.join(root, 'libs/contracts/src/index.ts'),
    '^@atergang/domain$': path.join(root, 'libs/domain/src/index.ts'),
    '^@atergang/test-smtp$': path.join(root, 'libs/test-smtp/src/index.ts'),
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
};
