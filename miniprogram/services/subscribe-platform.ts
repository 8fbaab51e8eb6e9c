import { config } from '../config';
import { currentBackend } from './backend';

/**
 * In the cloud WeChat itself records what the user chose in wx.requestSubscribeMessage (and its
 * subscribeMessage.send checks that quota). On the emulator the develop version forwards the same
 * result to the emulator's choices route, so the local subscribeMessage.send sees the same acceptances.
 */
export function reportChoicesToPlatform(result: Record<string, unknown>): Promise<void> {
  if (currentBackend() === 'cloud') return Promise.resolve();
  return new Promise((resolve) => {
    wx.request({
      url: `${config.emulatorUrl}/openapi/subscribe-message/choices`,
      method: 'POST',
      header: { 'content-type': 'application/json', 'x-wx-openid': config.devOpenid },
      data: result,
      // Best effort: the member's own record (notify.recordChoices) is what the page shows.
      success: () => resolve(),
      fail: () => resolve(),
    });
  });
}
