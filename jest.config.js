/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
    '/node_modules/@actions/.+\\.js$': '<rootDir>/test/helpers/esm-to-cjs.js',
  },
  // GitHub's workflow parser ships only ESM: transform it instead of ignoring it.
  transformIgnorePatterns: ['/node_modules/(?!@actions/)'],
  moduleNameMapper: {
    '^@actions/(workflow-parser|expressions)$': '<rootDir>/node_modules/@actions/$1/dist/index.js',
    '^@actions/(workflow-parser|expressions)/(.*)$': '<rootDir>/node_modules/@actions/$1/dist/$2.js',
  },
  // Real-terraform suites init providers and plan; give them room on a 2-core machine.
  testTimeout: 300000,
};
