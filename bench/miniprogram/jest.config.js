// Runs the mini-program render benchmark in the same environment as the miniprogram test
// project (jsdom + miniprogram-simulate), but only when `npm run bench` asks for it.
const base = require('../../jest.config.js').projects.find((p) => p.displayName === 'miniprogram');

module.exports = {
  ...base,
  rootDir: '../..',
  displayName: 'bench-miniprogram',
  testMatch: ['<rootDir>/bench/miniprogram/**/*.bench.ts'],
};
