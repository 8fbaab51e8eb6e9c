// `npm run screens`, step 1: render every page state with miniprogram-simulate (the mini-program
// test environment) into standalone HTML under .screens/ (git-ignored). Step 2 (shoot.ts) photographs them.
const { resolve } = require('node:path');
const base = require('../../jest.config.js').projects.find((p) => p.displayName === 'miniprogram');

module.exports = { projects: [{ ...base, rootDir: resolve(__dirname, '..', '..'), displayName: 'screens', testMatch: ['<rootDir>/scripts/screens/render.screens.ts'] }] };
