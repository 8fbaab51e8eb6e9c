import { main as adminMain } from '../../cloudfunctions/admin';
import { main as jobsMain } from '../../cloudfunctions/jobs';
import { main as memberMain } from '../../cloudfunctions/member';
import { main as staffMain } from '../../cloudfunctions/staff';
import { COLLECTIONS } from '../../cloudfunctions/shared/data/collections';
import type { AuditDoc } from '../../cloudfunctions/shared/data/documents';
import { find } from '../support/inspect';
import type { CloudContext } from '../../cloudfunctions/shared/platform/caller';
import type { CloudFunction } from '../../cloudfunctions/shared/platform/handler';
import { logger } from '../../cloudfunctions/shared/platform/logger';
import type { Caller } from '../../emulator/host/call-source';
import { buildInvocationContext, resolveAppid } from '../../emulator/host/invocation-context';
import { buildInvocationEvent } from '../../emulator/host/invocation-event';
import type { ApiResult } from '../../typings/envelope';
import { joinMember, openStore, startWorld, type LoyaltyWorld } from '../support/loyalty';
import { consoleAccount, webClientContext } from '../support/console-accounts';

/**
 * Every call source × every guard, through `main(event, context)` with the event and context the
 * platform builds (docs/authority.md). Sources are Cloud.getWXContext's "SOURCE 的枚举类型" (wx_devtools,
 * wx_client, wx_http, wx_trigger, wx_paycallback, wx_crawler, wx_localdebug, wx_unknown, scf), chains
 * ("wx_client,scf"), web_client, the emulator console's undocumented label, an empty source, and
 * no context at all. Each guard is exercised by one action: member.card (shopper), staff.me (staff),
 * admin.getSettings (admin).
 */
const SHOPPER = 'o_auth_shopper';
const STAFF = 'o_auth_staff';
const ADMIN = 'o_auth_admin';

type Outcome = 'ok' | 'UNAUTHENTICATED' | 'NOT_STAFF' | 'FORBIDDEN';
type KeyUse = 'none' | 'valid' | 'wrong';
interface Row {
  source: string;
  openid?: string;
  key?: KeyUse;
  /** shopper, staff, admin */
  expect: [Outcome, Outcome, Outcome];
}

const REFUSED: [Outcome, Outcome, Outcome] = ['UNAUTHENTICATED', 'NOT_STAFF', 'FORBIDDEN'];
const ADMIN_ONLY: [Outcome, Outcome, Outcome] = ['UNAUTHENTICATED', 'NOT_STAFF', 'ok'];
const PAY_NOTICE_ONLY: [Outcome, Outcome, Outcome] = ['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'];

const ROWS: Row[] = [
  // mini-program users: identity from WeChat, admin only for a listed openid, a key never helps
  { source: 'wx_client', openid: SHOPPER, expect: ['ok', 'NOT_STAFF', 'FORBIDDEN'] },
  { source: 'wx_client', openid: SHOPPER, key: 'valid', expect: ['ok', 'NOT_STAFF', 'FORBIDDEN'] },
  { source: 'wx_client', openid: STAFF, expect: ['ok', 'ok', 'FORBIDDEN'] },
  { source: 'wx_client', openid: ADMIN, expect: ['ok', 'NOT_STAFF', 'ok'] },
  { source: 'wx_devtools', openid: SHOPPER, expect: ['ok', 'NOT_STAFF', 'FORBIDDEN'] },
  { source: 'wx_devtools', openid: ADMIN, expect: ['ok', 'NOT_STAFF', 'ok'] },
  { source: 'wx_client,scf', openid: SHOPPER, expect: ['ok', 'NOT_STAFF', 'FORBIDDEN'] },
  { source: 'wx_client,scf', openid: STAFF, expect: ['ok', 'ok', 'FORBIDDEN'] },
  { source: 'wx_client,scf', openid: ADMIN, expect: ['ok', 'NOT_STAFF', 'ok'] },
  { source: 'wx_client', expect: REFUSED },
  // an openid that did not come from the mini-program identifies nobody
  { source: 'web_client', openid: ADMIN, expect: REFUSED },
  { source: 'wx_localdebug', openid: ADMIN, expect: REFUSED },
  { source: 'wx_http', openid: STAFF, expect: REFUSED },
  { source: 'wx_http,wx_client', openid: ADMIN, expect: REFUSED },
  // this deployment calling itself: its timers and its functions
  { source: 'wx_trigger', expect: ADMIN_ONLY },
  { source: 'scf', expect: ADMIN_ONLY },
  { source: 'wx_trigger,scf', expect: ADMIN_ONLY },
  { source: 'scf,scf', expect: ADMIN_ONLY },
  { source: 'scf,wx_trigger', expect: REFUSED },
  { source: ',scf', expect: REFUSED },
  { source: 'wx_http,scf', expect: REFUSED },
  { source: 'web_client,scf', expect: REFUSED },
  // outside traffic: refused, with or without the key
  ...['web_client', 'wx_http', 'wx_crawler', 'wx_localdebug'].flatMap((source): Row[] => [
    { source, expect: REFUSED },
    { source, key: 'valid', expect: REFUSED },
  ]),
  { source: 'wx_http,scf', key: 'valid', expect: REFUSED },
  // WeChat Pay's notifications name no action; one that names any is not the platform's and reaches
  // nothing (groupbuy-payments.test.ts covers the notice actions themselves)
  { source: 'wx_paycallback', expect: PAY_NOTICE_ONLY },
  { source: 'wx_paycallback', key: 'valid', expect: PAY_NOTICE_ONLY },
  // undocumented or empty sources: nothing alone; the admin key proves a console invocation
  ...['console', 'wx_unknown', '', ',scf', 'tcb_console_test'].flatMap((source): Row[] => [
    { source, expect: REFUSED },
    { source, key: 'wrong', expect: REFUSED },
    { source, key: 'valid', expect: ADMIN_ONLY },
  ]),
];

let world: LoyaltyWorld;

beforeAll(async () => {
  world = await startWorld('2026-06-01T10:00:00+08:00');
  await openStore(world, STAFF);
  for (const openid of [SHOPPER, STAFF, ADMIN]) await joinMember(world, openid);
  await world.console.call('admin', 'setAdmins', { openids: [ADMIN] });
});
afterAll(() => world.close());

function adminKey(use: KeyUse | undefined): Record<string, unknown> {
  if (use === 'valid') return { adminKey: world.emu.emulator.adminKey };
  if (use === 'wrong') return { adminKey: `${world.emu.emulator.adminKey.slice(0, -1)}x` };
  return {};
}

/** The platform's event and context for this caller, built by the emulator's host code. */
function platformCall(fn: CloudFunction, caller: Caller, payload: Record<string, unknown>): { event: unknown; context: CloudContext } {
  const definition = world.emu.emulator.functions.find((f) => f.name === fn.functionName);
  if (!definition) throw new Error(`no function ${fn.functionName}`);
  const defaults = { envId: 'local', appid: 'wx_auth_test' };
  const context = buildInvocationContext(definition, caller, defaults) as unknown as CloudContext;
  return { event: buildInvocationEvent(payload, caller, resolveAppid(caller, defaults)), context };
}

function outcome(result: ApiResult<unknown>): string {
  return result.ok ? 'ok' : result.code;
}

const GUARDED: Array<[CloudFunction, string]> = [
  [memberMain, 'card'],
  [staffMain, 'me'],
  [adminMain, 'getSettings'],
];

describe('every source × every guard through main(event, context)', () => {
  it.each(ROWS.map((row) => [`"${row.source}"${row.openid ? ` as ${row.openid}` : ''}${row.key ? ` with a ${row.key} key` : ''}`, row]))('%s', async (_label, row) => {
    const { source, openid, key, expect: expected } = row as Row;
    const caller: Caller = { source, ...(openid ? { openid } : {}) };
    const seen: string[] = [];
    for (const [fn, action] of GUARDED) {
      const { event, context } = platformCall(fn, caller, { action, ...adminKey(key) });
      seen.push(outcome(await fn(event, context)));
    }
    expect(seen).toEqual(expected);
  });

  it.each([
    ['no context', undefined],
    ['an empty context', {}],
    ['a context without environment', { request_id: 'r1', time_limit_in_ms: 3000 }],
    ['an environment with nothing in it', { request_id: 'r1', environment: '{}' }],
  ] as Array<[string, CloudContext | undefined]>)('%s is nobody, even with the admin key', async (_label, context) => {
    for (const key of ['none', 'valid'] as KeyUse[]) {
      const seen: string[] = [];
      for (const [fn, action] of GUARDED) seen.push(outcome(await fn({ action, ...adminKey(key) }, context)));
      expect(seen).toEqual(key === 'valid' && context?.environment ? ADMIN_ONLY : REFUSED);
    }
  });
});

describe('console accounts: web_client with TCB_UUID', () => {
  it.each([
    ['an active account, exactly web_client', 'uid_auth_admin', 'web_client', ADMIN_ONLY],
    ['an inactive account', 'uid_auth_inactive', 'web_client', REFUSED],
    ['an unknown uid', 'uid_auth_unknown', 'web_client', REFUSED],
    ['an active account through a function', 'uid_auth_admin', 'web_client,scf', REFUSED],
    ['an active account’s uid over HTTP access', 'uid_auth_admin', 'wx_http', REFUSED],
    ['an active account’s uid from the mini-program without openid', 'uid_auth_admin', 'wx_client', REFUSED],
  ] as Array<[string, string, string, [Outcome, Outcome, Outcome]]>)('%s', async (_label, uid, source, expected) => {
    await consoleAccount(world, 'uid_auth_admin', 'analyst');
    await consoleAccount(world, 'uid_auth_inactive', 'owner', false);
    const seen: string[] = [];
    for (const [fn, action] of GUARDED) seen.push(outcome(await fn({ action }, webClientContext(uid, source))));
    expect(seen).toEqual(expected);
  });
});

describe('only this call’s context counts', () => {
  it.each([
    ['a timer source', { TCB_SOURCE: 'wx_trigger' }],
    ['an admin’s openid', { TCB_SOURCE: 'wx_client', WX_OPENID: ADMIN }],
  ])('%s the instance holds in process.env grants nothing to a call whose context lacks it', async (_label, instanceEnv) => {
    const changed = { ...instanceEnv, TCB_CONTEXT_KEYS: 'TCB_SOURCE,WX_OPENID' };
    const saved = Object.fromEntries(Object.keys(changed).map((key) => [key, process.env[key]]));
    Object.assign(process.env, changed);
    try {
      const context = { request_id: 'r-env', environment: JSON.stringify({ TCB_ENV: 'local' }) };
      const seen: string[] = [];
      for (const [fn, action] of GUARDED) seen.push(outcome(await fn({ action }, context)));
      expect(seen).toEqual(REFUSED);
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });

  it('reads the older `environ` context format, whose parser splits a chain into a list', async () => {
    const chain = { request_id: 'r-environ', environ: 'TCB_ENV=local;TCB_SOURCE=wx_trigger,scf' };
    await expect(adminMain({ action: 'getSettings' }, chain)).resolves.toMatchObject({ ok: true });
    const shopperChain = { request_id: 'r-environ2', environ: `TCB_ENV=local;TCB_SOURCE=wx_client,scf;WX_OPENID=${SHOPPER}` };
    await expect(adminMain({ action: 'getSettings' }, shopperChain)).resolves.toMatchObject({ ok: false, code: 'FORBIDDEN' });
    await expect(memberMain({ action: 'card' }, shopperChain)).resolves.toMatchObject({ ok: true });
  });

  it('an event cannot claim to be a timer: the Timer shape names an action only when the source is the timer', async () => {
    const timerShaped = { Type: 'Timer', TriggerName: 'purgeEphemeral', Time: '2026-06-01T02:00:00Z', Message: '' };
    const as = (source: string, openid?: string) => platformCall(jobsMain, { source, ...(openid ? { openid } : {}) }, timerShaped);
    for (const [source, openid] of [['wx_client', ADMIN], ['scf', undefined], ['console', undefined]] as const) {
      const { event, context } = as(source, openid);
      await expect(jobsMain(event, context)).resolves.toMatchObject({ ok: false, code: 'INVALID_INPUT', message: 'event.action is required' });
    }
    const { event, context } = as('wx_trigger');
    await expect(jobsMain(event, context)).resolves.toMatchObject({ ok: true, data: { job: 'purgeEphemeral' } });
  });

  it('an unreadable environment is nobody', async () => {
    await expect(adminMain({ action: 'getSettings', ...adminKey('valid') }, { request_id: 'r-bad', environment: '{not json' })).resolves.toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});

describe('refused admin attempts are audited, boundedly, and the key never leaks', () => {
  async function refusalsOf(actorId: string): Promise<AuditDoc[]> {
    return find<AuditDoc>(COLLECTIONS.audit, { outcome: 'refused', 'actor.kind': 'caller', 'actor.id': actorId }, { limit: 100 });
  }

  it('records who tried what from which source', async () => {
    const attacker = await joinMember(world, 'o_auth_attacker');
    await expect(attacker.raw('admin', 'setAdmins', { openids: ['o_auth_attacker'] })).resolves.toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const [record] = await refusalsOf('openid:o_auth_attacker');
    expect(record).toMatchObject({ action: 'authority.refused', outcome: 'refused', detail: { code: 'FORBIDDEN', source: 'wx_client', attempts: 1, targets: ['admin.setAdmins'], adminKey: 'absent' } });
  });

  it('a flood of refused calls from one caller adds one record per hour, counting every attempt', async () => {
    world.clock.advance(3_600_000); // a fresh hour: the table above was refused too
    const since = world.clock.now().getTime();
    const recent = async () => (await refusalsOf('source:web_client')).filter((r) => new Date(r.at).getTime() >= since);
    const flood = Array.from({ length: 40 }, (_, i) =>
      world.emu.invoke('admin', { action: i % 2 ? 'getSettings' : 'setAdmins', ...(i % 2 ? {} : { openids: [] }) }, { source: 'web_client' }),
    );
    const answers = (await Promise.all(flood)) as Array<ApiResult<unknown>>;
    expect(answers.every((a) => !a.ok && a.code === 'FORBIDDEN')).toBe(true);
    let records = await recent();
    expect(records).toHaveLength(1);
    expect(records[0].detail).toMatchObject({ attempts: 40, source: 'web_client' });
    expect((records[0].detail.targets as string[]).sort()).toEqual(['admin.getSettings', 'admin.setAdmins']);

    world.clock.advance(3_600_000);
    await world.emu.invoke('admin', { action: 'getSettings' }, { source: 'web_client' });
    records = await recent();
    expect(records.map((r) => r.detail.attempts).sort()).toEqual([1, 40]);
  });

  it('never logs, stores or echoes the admin key, right or wrong', async () => {
    const key = world.emu.emulator.adminKey;
    const wrong = `${key.slice(0, -4)}oops`;
    const lines: unknown[] = [];
    const spies = (['warn', 'error', 'info'] as const).map((level) => jest.spyOn(logger, level).mockImplementation(((...args: unknown[]) => void lines.push(args)) as never));
    try {
      const answers = [
        await world.emu.invoke('admin', { action: 'getSettings', adminKey: wrong }, { source: 'console' }),
        await world.emu.invoke('admin', { action: 'getSettings', adminKey: key }, { source: 'web_client' }),
        await world.emu.invoke('admin', { action: 'getSettings', adminKey: key, extra: 1 }, { source: 'console' }),
        await world.emu.invoke('member', { action: 'card', adminKey: key }, { openid: SHOPPER, source: 'wx_client' }),
      ];
      expect(answers.map((a) => outcome(a as ApiResult<unknown>))).toEqual(['FORBIDDEN', 'FORBIDDEN', 'INVALID_INPUT', 'ok']);
      const everything = JSON.stringify([answers, lines, await find(COLLECTIONS.audit, {}, { limit: 1000 })]);
      expect(everything).not.toContain(key);
      expect(everything).not.toContain(wrong);
      expect(lines.length).toBeGreaterThan(0); // the refusals were logged, without the key
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});
