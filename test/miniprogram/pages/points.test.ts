import { configure } from '../../../miniprogram/config';
import { memberStore } from '../../../miniprogram/stores/member-store';
import { pointsStore } from '../../../miniprogram/stores/points-store';
import { failure, fakeBackend, NO_ANSWER } from '../support/fake-backend';
import { ledgerEntries, memberCard } from '../support/fixtures';
import { exists, instance, load, settle, text, texts } from '../support/load';

beforeAll(() => configure({ localDevelopment: true, emulatorUrl: 'http://fake.test' }));
beforeEach(() => {
  memberStore.reset();
  pointsStore.reset();
});

function history(total: number) {
  const all = ledgerEntries(total);
  return (request: Record<string, unknown>) => {
    const start = request.cursor ? Number(request.cursor) : 0;
    const end = start + Number(request.limit);
    return { items: all.slice(start, end), nextCursor: end < total ? String(end) : null };
  };
}

describe('points page', () => {
  it('shows the balance and labelled ledger entries', async () => {
    fakeBackend({ 'member.card': memberCard(), 'points.history': history(5) });
    const page = load('pages/points/index');
    instance(page).onLoad();
    instance(page).onShow();
    await settle(10);
    expect(text(page, '.balance__value')).toBe('1234');
    expect(text(page, '.balance__pending')).toBe('另有 56 积分待生效，退货期过后可用');
    expect(texts(page, '.balance__value')).toEqual(['1234', '56']);
    const labels = texts(page, '.row__label');
    expect(labels).toEqual(['获得', '使用', '过期', '退款扣回', '调整']);
    expect(text(page, '.row__delta')).toBe('+10');
    expect(text(page, '.row__note')).toBe('订单 SO0');
    expect(text(page, '.footer')).toBe('没有更多了');
  });

  it('shows points still in the return window as 待生效 with the day they become usable', async () => {
    const [entry] = ledgerEntries(1);
    fakeBackend({ 'member.card': memberCard(), 'points.history': { items: [{ ...entry, pendingUntil: '2026-03-17T02:00:00.000Z' }], nextCursor: null } });
    const page = load('pages/points/index');
    instance(page).onLoad();
    await settle(10);
    expect(text(page, '.row__label')).toBe('获得 · 待生效');
    expect(text(page, '.row__note')).toBe('2026-03-17 起可用 · 订单 SO0');
    expect(exists(page, '.row__delta--pending')).toBe(true);
  });

  it('shows a skeleton while the first page loads', async () => {
    fakeBackend({ 'member.card': memberCard(), 'points.history': NO_ANSWER });
    const page = load('pages/points/index');
    instance(page).onLoad();
    await settle(10);
    expect(exists(page, '.loading')).toBe(true);
    expect(page.querySelectorAll('.row')).toHaveLength(0);
  });

  it('appends the next page on reach-bottom with path updates only', async () => {
    const backend = fakeBackend({ 'member.card': memberCard(), 'points.history': history(25) });
    const page = load('pages/points/index');
    instance(page).onLoad();
    await settle(10);
    expect(page.querySelectorAll('.row')).toHaveLength(20);
    const setData = jest.spyOn(instance(page), 'setData');
    await instance(page).onReachBottom();
    await settle(10);
    expect(page.querySelectorAll('.row')).toHaveLength(25);
    const rowUpdates = setData.mock.calls.map(([data]) => Object.keys(data)).filter((keys) => keys.some((k) => k.startsWith('rows')));
    expect(rowUpdates).toEqual([['rows[20]', 'rows[21]', 'rows[22]', 'rows[23]', 'rows[24]']]);
    expect(backend.calls.filter((c) => c.action === 'history').map((c) => c.request.cursor)).toEqual([undefined, '20']);
    await instance(page).onReachBottom();
    expect(backend.calls.filter((c) => c.action === 'history')).toHaveLength(2);
  });

  it('shows an empty state and the error message', async () => {
    const backend = fakeBackend({ 'points.history': { items: [], nextCursor: null } });
    const page = load('pages/points/index');
    instance(page).onLoad();
    await settle(10);
    expect(text(page, '.footer')).toBe('暂无积分记录');
    backend.set('points.history', failure('NOT_REGISTERED'));
    await instance(page).reload();
    await settle(10);
    expect(text(page, '.error')).toBe('您还不是会员，请先注册');
    expect(exists(page, '.retry')).toBe(true);
  });
});
