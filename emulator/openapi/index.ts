// The open APIs this emulator serves. One registration per API, each handler in its own file
// in this folder; the dependencies object grows with what handlers need (an outbox folder,
// the clock) rather than handlers reaching into the emulator.

import type { CloudPayStandIn } from './cloud-pay';
import { OpenApiRegistry } from './registry';

export { CloudPayStandIn, type PayCallbackTarget } from './cloud-pay';
export { OpenApiRegistry, type OpenApiAnswer, type OpenApiHandler, type OpenApiRequest } from './registry';

export interface OpenApiDependencies {
  /** The emulator's data folder (null = in-memory), for APIs that keep state such as an outbox. */
  dataDir: string | null;
  /** Wall clock in ms; tests may step it. */
  now: () => number;
  /** 云支付 stand-in (./cloud-pay.ts); absent = cloudPay.* not emulated. */
  cloudPay?: CloudPayStandIn;
}

export function createOpenApis(deps: OpenApiDependencies): OpenApiRegistry {
  const registry = new OpenApiRegistry();
  if (deps.cloudPay) {
    registry.register('cloudPay.unifiedOrder', deps.cloudPay.unifiedOrder);
    registry.register('cloudPay.refund', deps.cloudPay.refund);
    registry.register('cloudPay.queryOrder', deps.cloudPay.queryOrder);
  }
  return registry;
}
