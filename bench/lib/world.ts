import pino from 'pino';
import { startEmulator, type Emulator } from 'cloudbase-local-emulator';
import { PROJECT } from '../../local/paths';
import { DEFAULT_SETTINGS } from '../../cloudfunctions/shared/domain/settings/defaults';

type Envelope<T> = { ok: true; data: T } | { ok: false; code: string; message: string };

export function data<T>(result: unknown, what = 'call'): T {
  const envelope = result as Envelope<T>;
  if (!envelope.ok) throw new Error(`${what}: ${envelope.code} ${envelope.message}`);
  return envelope.data;
}

/** An in-memory emulator with the real functions, quiet, for benchmarks. */
export function startBenchEmulator(): Promise<Emulator> {
  return startEmulator({ ...PROJECT, dataDir: null, dbPort: 0, hostPort: 0, timers: false, logger: pino({ level: 'silent' }) });
}

export const asShopper = (emu: Emulator, openid: string) => (fn: string, action: string, body: Record<string, unknown> = {}) =>
  emu.invoke(fn, { action, ...body }, { openid, source: 'wx_client' });

export async function setupStore(emu: Emulator, staffOpenids: string[]): Promise<void> {
  data(await emu.invokeAdmin('admin', { action: 'upsertStore', storeId: 'bench_store', name: '压测门店' }), 'upsertStore');
  for (const openid of staffOpenids) data(await emu.invokeAdmin('admin', { action: 'upsertStaff', openid, name: '收银', storeId: 'bench_store', role: 'cashier' }), 'upsertStaff');
}

export async function registerAndScan(emu: Emulator, member: string, staff: string): Promise<string> {
  data(await asShopper(emu, member)('member', 'register', { consentVersion: DEFAULT_SETTINGS.privacyPolicyVersion }), 'register');
  const { code } = data<{ code: string }>(await asShopper(emu, member)('member', 'code'), 'code');
  return data<{ sessionId: string }>(await asShopper(emu, staff)('staff', 'scan', { code }), 'scan').sessionId;
}

/** Four-eyes before a benchmark run: the console submits, a listed admin openid approves. */
export async function approveCampaign(emu: Emulator, campaignId: string): Promise<void> {
  data(await emu.invokeAdmin('admin', { action: 'setAdmins', openids: ['bench_reviewer'] }), 'setAdmins');
  data(await emu.invokeAdmin('campaign', { action: 'submit', campaignId }), 'submit');
  data(await asShopper(emu, 'bench_reviewer')('campaign', 'approve', { campaignId }), 'approve');
}
