// jsdom for miniprogram-simulate, plus the Node globals jsdom's window does not carry. The flow
// tests run the emulator (database, function host, real functions) in the same jest sandbox as
// the pages; it needs e.g. structuredClone, which jest-environment-jsdom leaves out.
const { TestEnvironment } = require('jest-environment-jsdom');

const NODE_GLOBALS = ['structuredClone', 'setImmediate', 'clearImmediate', 'TextEncoder', 'TextDecoder', 'AbortController', 'AbortSignal', 'fetch', 'Headers', 'Request', 'Response', 'performance'];

class MiniprogramEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of NODE_GLOBALS) {
      if (typeof this.global[name] === 'undefined' && typeof globalThis[name] !== 'undefined') this.global[name] = globalThis[name];
    }
  }
}

module.exports = MiniprogramEnvironment;
