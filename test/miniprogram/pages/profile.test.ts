import { configure } from '../../../miniprogram/config';
import { memberStore } from '../../../miniprogram/stores/member-store';
import { staffStore } from '../../../miniprogram/stores/staff-store';
import { FAKE_PHONE_CODE, failure, fakeBackend } from '../support/fake-backend';
import { memberCard } from '../support/fixtures';
import { exists, input, instance, load, settle, tap, text, type Rendered } from '../support/load';
import { wxStubs } from '../support/wx-stubs';

beforeAll(() => configure({ localDevelopment: true, emulatorUrl: 'http://fake.test' }));
beforeEach(() => {
  memberStore.reset();
  staffStore.reset();
});

async function open(routes: Record<string, unknown>): Promise<{ page: Rendered; backend: ReturnType<typeof fakeBackend> }> {
  const backend = fakeBackend({ 'member.card': memberCard(), 'staff.me': failure('NOT_STAFF'), ...routes });
  const page = load('pages/profile/index');
  await instance(page).onShow();
  await settle(10);
  return { page, backend };
}

describe('profile page', () => {
  it('saves only the changed fields', async () => {
    const { page, backend } = await open({ 'member.updateProfile': (r: Record<string, unknown>) => ({ nickname: r.nickname, birthday: '05-20', phoneMasked: '138****0000', consentVersion: '2026-11' }) });
    expect(instance(page).data.form).toEqual({ nickname: '小明', birthday: '05-20' });
    await tap(page, '.save');
    expect(text(page, '.form-error')).toBe('没有需要保存的修改');
    await input(page, '.nickname', '小红');
    await tap(page, '.save');
    await settle(10);
    expect(backend.calls.find((c) => c.action === 'updateProfile')?.request).toEqual({ nickname: '小红' });
    expect(wxStubs().showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存' }));
  });

  it('binds the phone from WeChat\'s phone sheet: only the code goes to the server, never a typed number', async () => {
    const { page, backend } = await open({ 'member.bindPhone': { nickname: '小明', birthday: '05-20', phoneMasked: '139****8888', consentVersion: '2026-11' } });
    expect(exists(page, 'input.phone')).toBe(false);
    page.querySelector('.phone')?.dispatchEvent('getphonenumber', { detail: { errMsg: 'getPhoneNumber:ok', code: 'wx-button-code' } });
    await settle(20);
    expect(backend.calls.find((c) => c.action === 'bindPhone')?.request).toEqual({ code: FAKE_PHONE_CODE });
    expect(memberStore.profile?.phoneMasked).toBe('139****8888');
    expect(text(page, '.phone-masked')).toBe('139****8888');
  });

  it('sends nothing when the user declines the phone sheet', async () => {
    const { page, backend } = await open({});
    page.querySelector('.phone')?.dispatchEvent('getphonenumber', { detail: { errMsg: 'getPhoneNumber:fail user deny' } });
    await settle(20);
    expect(backend.calls.some((c) => c.action === 'bindPhone')).toBe(false);
  });

  it('exports my data and copies it', async () => {
    const { page } = await open({ 'member.exportData': { exportedAt: '2026-03-10', member: { nickname: '小明' }, ledger: [], orders: [], tierHistory: [] } });
    await tap(page, '.export');
    await settle(10);
    expect(text(page, '.export__json')).toContain('"nickname": "小明"');
    await tap(page, '.export__copy');
    expect(wxStubs().setClipboardData).toHaveBeenCalledWith({ data: expect.stringContaining('小明') });
  });

  it('deletes the account only after confirmation', async () => {
    const { page, backend } = await open({ 'member.deleteAccount': { deleted: true } });
    wxStubs().showModal.mockImplementationOnce((o: { success?: (r: { confirm: boolean; cancel: boolean }) => void }) => o.success?.({ confirm: false, cancel: true }));
    await tap(page, '.delete');
    expect(backend.calls.some((c) => c.action === 'deleteAccount')).toBe(false);
    await tap(page, '.delete');
    await settle(10);
    expect(backend.calls.find((c) => c.action === 'deleteAccount')?.request).toEqual({ confirm: 'DELETE' });
    expect(text(page, '.state')).toBe('账号已注销，感谢您的陪伴');
  });

  it('offers the newer policy and shows the staff entry only to staff', async () => {
    const { page } = await open({ 'member.card': memberCard({ profile: { nickname: '小明', birthday: null, phoneMasked: null, consentVersion: '2025-01' } }) });
    expect(text(page, '.consent__accept')).toBe('同意最新隐私政策（2026-11）');
    expect(exists(page, '.staff-entry')).toBe(false);
    const staff = await open({ 'staff.me': { staffId: 's1', name: '李收银', role: 'cashier', storeId: 'st', storeName: '店' } });
    await tap(staff.page, '.staff-entry');
    expect(wxStubs().navigateTo).toHaveBeenCalledWith({ url: '/staff/till/index' });
  });

  it('shows the error message of a failed save', async () => {
    const { page } = await open({ 'member.updateProfile': failure('INVALID_INPUT') });
    await input(page, '.nickname', '新名字');
    await tap(page, '.save');
    await settle(10);
    expect(text(page, '.store-error')).toBe('填写的信息有误，请检查后重试');
  });
});
