// The dev transport's choices route feeds the emulator's subscription quota; `npm run admin -- outbox`
// lists what subscribeMessage.send delivered (the console route, token required).
import tcb from '@cloudbase/node-sdk';
import { runOutbox } from '../../local/admin-command';
import { DEMO_NOTIFICATION_SETTINGS } from '../../local/seed/notifications';
import { startTestEmulator, type TestEmulator } from '../support/emulator';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

const template = DEMO_NOTIFICATION_SETTINGS.templates[0];

describe('subscription routes and the outbox command', () => {
  it('records a tap result for the x-wx-openid user, then lists the message sent', async () => {
    const refused = await fetch(`${emu.hostUrl}/openapi/subscribe-message/choices`, { method: 'POST', body: JSON.stringify({ [template.templateId]: 'accept' }) });
    expect(refused.status).toBe(401);
    const res = await fetch(`${emu.hostUrl}/openapi/subscribe-message/choices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': 'o_outbox' },
      body: JSON.stringify({ errMsg: 'requestSubscribeMessage:ok', [template.templateId]: 'accept' }),
    });
    expect(((await res.json()) as { result: unknown }).result).toEqual({ accepted: [template.templateId] });

    const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
    const sent = await app.callWxOpenApi({ apiName: 'subscribeMessage.send', requestData: { touser: 'o_outbox', template_id: template.templateId, page: template.page, data: { number1: { value: '120' }, date2: { value: '2026年03月31日' }, thing3: { value: '积分即将过期' } } } });
    expect(sent.result).toMatchObject({ errcode: 0 });

    const noToken = await fetch(`${emu.hostUrl}/console/openapi/subscribe-message/outbox`, { method: 'POST', body: '{}' });
    expect(noToken.status).toBe(401);

    let stdout = '';
    const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
    try {
      expect(await runOutbox({ port: new URL(emu.hostUrl).port, host: '127.0.0.1', token: emu.emulator.token })).toBe(0);
    } finally {
      out.mockRestore();
    }
    expect(JSON.parse(stdout)).toEqual({ messages: [expect.objectContaining({ touser: 'o_outbox', template_id: template.templateId, data: expect.objectContaining({ number1: { value: '120' } }) })] });
  });
});
