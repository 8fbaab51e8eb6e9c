import { configure } from '../../../miniprogram/config';
import { offersStore } from '../../../miniprogram/stores/offers-store';
import { failure, fakeBackend } from '../support/fake-backend';
import { offer } from '../support/fixtures';
import { instance, load, settle, text, type Rendered } from '../support/load';

beforeAll(() => configure({ localDevelopment: true, emulatorUrl: 'http://fake.test' }));
beforeEach(() => offersStore.reset());

async function open(reply: unknown): Promise<Rendered> {
  fakeBackend({ 'campaign.offers': reply });
  const page = load('pages/offers/index');
  instance(page).onShow();
  await settle(10);
  return page;
}

describe('offers page', () => {
  it('lists eligible campaigns with reward, reason and end date', async () => {
    const page = await open({
      offers: [offer(), offer({ campaignId: 'cmp_x2', name: '双倍积分周', description: '', reward: { kind: 'multiplier', permille: 2000, days: 7 }, reason: '你是黄金会员', granted: true })],
    });
    expect(page.querySelectorAll('.offer__name').map((n) => n.dom?.textContent)).toEqual(['生日月礼遇', '双倍积分周']);
    expect(page.querySelectorAll('.offer__reward').map((n) => n.dom?.textContent)).toEqual(['赠送 100 积分', '7 天内消费积分 2 倍']);
    expect(page.querySelectorAll('.offer__reason').map((n) => n.dom?.textContent)).toEqual(['本月是你的生日月', '你是黄金会员']);
    expect(text(page, '.offer__ends')).toMatch(/^2026-0[34]-\d\d 结束$/);
    expect(page.querySelectorAll('.offer__granted')).toHaveLength(1);
    expect(page.querySelectorAll('.offer--granted')).toHaveLength(1);
  });

  it('shows an empty state', async () => {
    const page = await open({ offers: [] });
    expect(text(page, '.footer')).toBe('暂无适合你的活动，敬请期待');
  });

  it('shows the error message', async () => {
    const page = await open(failure('NOT_REGISTERED'));
    expect(text(page, '.store-error')).toBe('您还不是会员，请先注册');
    expect(text(page, '.footer')).toBe('');
  });
});
