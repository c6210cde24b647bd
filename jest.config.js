/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
    '/node_modules/(@actions/.+|marked/lib/.+)\\.js$': '<rootDir>/test/helpers/esm-to-cjs.js',
  },
  // GitHub's workflow parser and marked (test/helpers/markdown-check.ts) ship only ESM: transform them instead of ignoring them.
  transformIgnorePatterns: ['/node_modules/(?!@actions/|marked/)'],
  moduleNameMapper: {
    '^@actions/(workflow-parser|expressions)$': '<rootDir>/node_modules/@actions/$1/dist/index.js',
    '^@actions/(workflow-parser|expressions)/(.*)$': '<rootDir>/node_modules/@actions/$1/dist/$2.js',
  },
  // Real-terraform suites init providers and plan; give them room on a 2-core machine.
  testTimeout: 300000,
};
