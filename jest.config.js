// One runner, one project per layer of the test pyramid (see README "Tests").
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] };
const common = { transform, testEnvironment: 'node', moduleFileExtensions: ['ts', 'js', 'json'] };

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    // The emulator package's own tests (emulator/test); test/emulator is kept for tests written before the move.
    { ...common, displayName: 'emulator', testMatch: ['<rootDir>/emulator/test/**/*.test.ts', '<rootDir>/test/emulator/**/*.test.ts'] },
    // The product's local loop: npm start / npm run admin, the demo seed, the build.
    { ...common, displayName: 'local', testMatch: ['<rootDir>/test/local/**/*.test.ts'] },
    // What ships: the deploy plan (cloudbaserc.json) and the mini-program as WeChat's builder packs it.
    { ...common, displayName: 'deploy', testMatch: ['<rootDir>/test/deploy/**/*.test.ts'] },
    { ...common, displayName: 'functions', setupFilesAfterEnv: ['<rootDir>/test/support/slow-tests.ts'], testMatch: ['<rootDir>/test/functions/**/*.test.ts'] },
    { ...common, displayName: 'scenario', setupFilesAfterEnv: ['<rootDir>/test/support/slow-tests.ts'], testMatch: ['<rootDir>/test/scenario/**/*.test.ts'] },
    // The web console in headless Chromium (playwright-core) against the emulator and the real functions.
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.test.ts'] },
    {
      ...common,
      displayName: 'miniprogram',
      // jsdom plus the Node globals the in-process emulator needs (see the file). jsdom resolves
      // package "exports" with the `browser` condition; the emulator (bson, libsql, pino) needs
      // its node builds. Components still render in jsdom.
      testEnvironment: '<rootDir>/test/miniprogram/support/environment.js',
      testEnvironmentOptions: { customExportConditions: ['node', 'node-addons'] },
      setupFilesAfterEnv: ['<rootDir>/test/miniprogram/support/setup.ts'],
      testMatch: ['<rootDir>/test/miniprogram/**/*.test.ts'],
    },
  ],
};
