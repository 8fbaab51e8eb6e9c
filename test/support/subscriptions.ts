import type { SubscriptionKind } from '../../typings/api/notify';
import { DEMO_NOTIFICATION_SETTINGS } from '../../local/seed/notifications';
import type { LoyaltyWorld } from './loyalty';

/** The demo templates, keyed by kind. */
export const templateOf = (kind: SubscriptionKind): string => {
  const found = DEMO_NOTIFICATION_SETTINGS.templates.find((t) => t.kind === kind);
  if (!found) throw new Error(`no demo template for ${kind}`);
  return found.templateId;
};

/**
 * A member's tap on 订阅 with these kinds accepted, reaching both sides as it does from the
 * mini-program: WeChat (here the emulator, through the dev transport's choices route) records the
 * acceptance, and the page sends the same result to notify.recordChoices.
 * `platform: false` delivers it to our functions only (WeChat then answers 43101).
 */
export async function tapSubscribe(world: LoyaltyWorld, openid: string, kinds: SubscriptionKind[], options: { platform?: boolean } = {}): Promise<void> {
  const result = Object.fromEntries(kinds.map((k) => [templateOf(k), 'accept' as const]));
  if (options.platform !== false) {
    const res = await fetch(`${world.emu.hostUrl}/openapi/subscribe-message/choices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
      body: JSON.stringify({ errMsg: 'requestSubscribeMessage:ok', ...result }),
    });
    if (!res.ok) throw new Error(`choices route answered ${res.status}`);
  }
  await world.shopper(openid).call('notify', 'recordChoices', { choices: result });
}

export const outboxFor = (world: LoyaltyWorld, openid: string) => world.emu.emulator.subscribeMessages.messages({ touser: openid });
