import { configure } from '../../miniprogram/config';
import { memberStore } from '../../miniprogram/stores/member-store';
import { fakeBackend } from '../../test/miniprogram/support/fake-backend';
import { memberCard } from '../../test/miniprogram/support/fixtures';
import { instance, load, settle, text } from '../../test/miniprogram/support/load';

/**
 * Not a test: measures the member card page in miniprogram-simulate and prints one
 * `BENCH_RESULT <json>` line for bench/miniprogram.ts. The only expectation guards the
 * measurement itself (the page really rendered the card being timed).
 */
const RUNS = 30;
const code = () => ({ code: `LM1.${'a'.repeat(32)}.zz.AAAAAAAAAAA.${'A'.repeat(22)}`, expiresAt: new Date(Date.now() + 60_000).toISOString(), ttlSeconds: 60 });

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

test('member card render and refresh cost', async () => {
  configure({ localDevelopment: true, emulatorUrl: 'http://bench.local' });
  const renders: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    memberStore.reset();
    fakeBackend({ 'member.card': memberCard(), 'member.code': code() });
    const start = performance.now();
    const page = load('pages/card/index');
    instance(page).onShow();
    while (text(page, '.card__tier') === '') await settle(1);
    renders.push(performance.now() - start);
    (page as unknown as { detach(): void }).detach();
  }

  memberStore.reset();
  const points = { available: 1234, pending: 56, debt: 0, expiringSoon: { points: 78, withinDays: 30, earliestAt: null } };
  const backend = fakeBackend({ 'member.card': memberCard({ points }), 'member.code': code() });
  const page = load('pages/card/index');
  const view = instance(page);
  view.onShow();
  while (text(page, '.card__tier') === '') await settle(1);
  await settle(20);
  const sent: number[] = [];
  const original = view.setData.bind(view);
  view.setData = (payload: Record<string, unknown>) => {
    sent.push(JSON.stringify(payload).length);
    original(payload);
  };
  await (view as unknown as { onPullDownRefresh(): Promise<void> }).onPullDownRefresh();
  await settle(20);
  const unchanged = sent.splice(0).reduce((a, b) => a + b, 0);
  backend.set('member.card', memberCard({ points: { ...points, available: 1300 } }));
  await (view as unknown as { onPullDownRefresh(): Promise<void> }).onPullDownRefresh();
  await settle(20);
  const changed = sent.splice(0).reduce((a, b) => a + b, 0);
  expect(text(page, '.points__value.available')).toBe('1300');
  process.stdout.write(`BENCH_RESULT ${JSON.stringify({ runs: RUNS, renderMedianMs: median(renders), renderMaxMs: Math.max(...renders), refreshUnchangedBytes: unchanged, refreshChangedBytes: changed })}\n`);
});
