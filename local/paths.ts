import { resolve } from 'node:path';

/** Where this product keeps what the emulator needs: its functions and its index declarations. */
export const FUNCTIONS_ROOT = resolve(__dirname, '..', 'cloudfunctions');
export const INDEXES_FILE = resolve(FUNCTIONS_ROOT, 'shared', 'data', 'indexes.json');
/** The subscription templates the demo mini-program has added (the emulator's stand-in for 我的模板). */
export const SUBSCRIBE_TEMPLATES_FILE = resolve(__dirname, 'subscribe-templates.json');

/** Which function serves which HTTP access path (the emulator's /http routes and the deploy plan). */
export const HTTP_ACCESS_FILE = resolve(FUNCTIONS_ROOT, 'http-access.json');

/** The options every in-process start of this product's emulator passes. */
export const PROJECT = { functionsRoot: FUNCTIONS_ROOT, indexesFile: INDEXES_FILE, subscribeTemplatesFile: SUBSCRIBE_TEMPLATES_FILE, httpAccessFile: HTTP_ACCESS_FILE } as const;
