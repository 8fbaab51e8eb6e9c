// The open APIs this emulator serves. One registration per API, each handler in its own file
// in this folder; the dependencies object grows with what handlers need (an outbox folder,
// the clock) rather than handlers reaching into the emulator.

import { PhoneNumberCodes } from './phone-number';
import type { CloudPayStandIn } from './cloud-pay';
import { OpenApiRegistry } from './registry';
import { subscribeMessageSend, SUBSCRIBE_MESSAGE_SEND } from './subscribe-message-send';
import { SubscribeMessageState } from './subscribe-message/state';
import type { SubscribeTemplate } from './subscribe-message/templates';

export { CloudPayStandIn, type PayCallbackTarget } from './cloud-pay';
export { OpenApiRegistry, type OpenApiAnswer, type OpenApiHandler, type OpenApiRequest } from './registry';
export { SubscribeMessageState, type OutboxMessage } from './subscribe-message/state';

export interface OpenApiDependencies {
  /** The emulator's data folder (null = in-memory), for APIs that keep state such as an outbox. */
  dataDir: string | null;
  /** Wall clock in ms; tests may step it. */
  now: () => number;
  /** The phone-number codes the emulator issues in place of WeChat's phone sheet (created here when absent). */
  phoneNumbers?: PhoneNumberCodes;
  /** Subscription quota and outbox (subscribeMessage.send); default: a fresh one with no templates. */
  subscribeMessages?: SubscribeMessageState;
  /** 云支付 stand-in (./cloud-pay.ts); absent = cloudPay.* not emulated. */
  cloudPay?: CloudPayStandIn;
}

/** The subscription-message state for a data folder and a template list. */
export function createSubscribeMessageState(deps: OpenApiDependencies, templates: readonly SubscribeTemplate[]): SubscribeMessageState {
  return new SubscribeMessageState(new Map(templates.map((t) => [t.id, t])), deps.dataDir, deps.now);
}

export function createOpenApis(deps: OpenApiDependencies): OpenApiRegistry {
  const phoneNumbers = deps.phoneNumbers ?? new PhoneNumberCodes(deps.now, 'wx_emulator');
  const subscribeMessages = deps.subscribeMessages ?? createSubscribeMessageState(deps, []);
  const registry = new OpenApiRegistry()
    .register('phonenumber.getPhoneNumber', phoneNumbers.handler)
    .register(SUBSCRIBE_MESSAGE_SEND, subscribeMessageSend(subscribeMessages));
  if (deps.cloudPay) {
    registry.register('cloudPay.unifiedOrder', deps.cloudPay.unifiedOrder);
    registry.register('cloudPay.refund', deps.cloudPay.refund);
    registry.register('cloudPay.queryOrder', deps.cloudPay.queryOrder);
  }
  return registry;
}
