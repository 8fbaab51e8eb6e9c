#!/usr/bin/env node
// The package ships TypeScript sources; tsx compiles them on load.
require('tsx/cjs');
require('./index.ts');
