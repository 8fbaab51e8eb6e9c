/**
 * The profile flow against the real backend (page → store → client → emulator transport →
 * function host → member function → node-sdk → in-memory emulator database).
 *
 * Its own file on purpose: miniprogram-simulate runs a component's JS with `require` and then
 * deletes it from `require.cache`, which jest's module registry ignores, so a tdesign component
 * (here t-empty, the "账号已注销" state) renders only on the first page that loads it in a test
 * file. The card page loads t-empty too, so this flow must not share a file with it.
 */
import { configure } from '../../../miniprogram/config';
import { memberStore } from '../../../miniprogram/stores/member-store';
import { registerShopper, useEmulatorBackend } from '../support/emulator-wx';
import { exists, input, instance, load, tap, text, waitFor } from '../support/load';

jest.setTimeout(30_000);
const backend = useEmulatorBackend();

beforeEach(() => {
  memberStore.reset();
});

it('profile: edit, export and delete my account', async () => {
  await registerShopper(backend.emu, 'o_flow_profile', '旧名');
  backend.signInAs('o_flow_profile');
  const page = load('pages/profile/index');
  await instance(page).onShow();
  await waitFor(() => exists(page, '.nickname') && (instance(page).data.form as { nickname: string }).nickname === '旧名');
  await input(page, '.nickname', '新名');
  await tap(page, '.save');
  await waitFor(() => memberStore.profile?.nickname === '新名');
  // The phone sheet's code comes from the emulator (configured devPhoneNumber) and is exchanged by the member function.
  configure({ devPhoneNumber: '13812345678' });
  page.querySelector('.phone')?.dispatchEvent('getphonenumber', { detail: { errMsg: 'getPhoneNumber:ok', code: 'devtools-code' } });
  await waitFor(() => Boolean(memberStore.profile?.phoneMasked));
  expect(memberStore.profile?.phoneMasked).toMatch(/^138\*+5678$/);
  await tap(page, '.export');
  await waitFor(() => text(page, '.export__json') !== '');
  expect(JSON.parse(memberStore.exportJson).member).toMatchObject({ nickname: '新名' });
  await tap(page, '.delete');
  await waitFor(() => text(page, '.state').includes('账号已注销，感谢您的陪伴'));
  await memberStore.loadCard();
  expect(['deleted', 'unregistered']).toContain(memberStore.status);
});
