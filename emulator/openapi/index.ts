// The open APIs this emulator serves. One registration per API, each handler in its own file
// in this folder; the dependencies object grows with what handlers need (an outbox folder,
// the clock) rather than handlers reaching into the emulator.

import { PhoneNumberCodes } from './phone-number';
import { OpenApiRegistry } from './registry';

export { OpenApiRegistry, type OpenApiAnswer, type OpenApiHandler, type OpenApiRequest } from './registry';

export interface OpenApiDependencies {
  /** The emulator's data folder (null = in-memory), for APIs that keep state such as an outbox. */
  dataDir: string | null;
  /** Wall clock in ms; tests may step it. */
  now: () => number;
  /** The phone-number codes the emulator issues in place of WeChat's phone sheet (created here when absent). */
  phoneNumbers?: PhoneNumberCodes;
}

export function createOpenApis(deps: OpenApiDependencies): OpenApiRegistry {
  const phoneNumbers = deps.phoneNumbers ?? new PhoneNumberCodes(deps.now, 'wx_emulator');
  return new OpenApiRegistry().register('phonenumber.getPhoneNumber', phoneNumbers.handler);
}
