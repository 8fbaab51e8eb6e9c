// The open APIs this emulator serves. One registration per API, each handler in its own file
// in this folder; the dependencies object grows with what handlers need (an outbox folder,
// the clock) rather than handlers reaching into the emulator.

import { OpenApiRegistry } from './registry';

export { OpenApiRegistry, type OpenApiAnswer, type OpenApiHandler, type OpenApiRequest } from './registry';

export interface OpenApiDependencies {
  /** The emulator's data folder (null = in-memory), for APIs that keep state such as an outbox. */
  dataDir: string | null;
  /** Wall clock in ms; tests may step it. */
  now: () => number;
}

export function createOpenApis(_deps: OpenApiDependencies): OpenApiRegistry {
  return new OpenApiRegistry();
}
