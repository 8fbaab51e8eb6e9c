import { COLLECTIONS } from '../../cloudfunctions/shared/data/collections';
import type { AuditDoc } from '../../cloudfunctions/shared/data/documents';
import type { AdminRole } from '../../typings/api/console';
import type { FunctionName } from '../../typings/api';
import { consoleAccount, webAccount } from '../support/console-accounts';
import { find } from '../support/inspect';
import { expectCode, joinMember, startWorld, type Actor, type LoyaltyWorld } from '../support/loyalty';

/**
 * Console accounts and roles (docs/authority.md, "Console accounts and roles"), through
 * `main(event, context)` with the context CloudBase gives a web SDK call: TCB_SOURCE=web_client and
 * the signed-in account's uid in TCB_UUID. The expectations below are the role table
 * written out by hand, not read from the code under test.
 */
const ROLES: AdminRole[] = ['owner', 'operator', 'support', 'analyst'];
type Allowed = readonly AdminRole[];
const ALL: Allowed = ROLES;
const OWNER: Allowed = ['owner'];
const OPS: Allowed = ['owner', 'operator'];
const SUP: Allowed = ['owner', 'support'];

let world: LoyaltyWorld;
let memberId: string;
const accounts = {} as Record<AdminRole, Actor>;

beforeAll(async () => {
  world = await startWorld('2026-06-01T10:00:00+08:00');
  const shopper = await joinMember(world, 'o_roles_member');
  memberId = (await shopper.call('member', 'card', {})).memberId;
  for (const role of ROLES) accounts[role] = await consoleAccount(world, `uid_${role}`, role);
});
afterAll(() => world.close());

// [function, action, payload, roles allowed]: a payload the allowed roles get past the guard with (ok or a business error).
const TABLE: Array<[FunctionName, string, () => Record<string, unknown>, Allowed]> = [
  ['admin', 'whoami', () => ({}), ALL],
  ['admin', 'getSettings', () => ({}), ALL],
  ['admin', 'updateSettings', () => ({}), OWNER],
  ['admin', 'setAdmins', () => ({ openids: [] }), OWNER],
  ['admin', 'listAdmins', () => ({}), OWNER],
  ['admin', 'reconcile', () => ({ maxMembers: 1 }), OWNER],
  ['admin', 'upsertStore', () => ({ storeId: 'store_roles', name: '角色测试店' }), OPS],
  ['admin', 'adjustPoints', () => ({ memberId, delta: 1, reason: '角色测试', key: `roles-${Math.random().toString(36).slice(2)}` }), OPS],
  ['admin', 'decideApproval', () => ({ approvalId: 'approval_none', decision: 'approve' }), OPS],
  ['admin', 'listApprovals', () => ({}), ALL],
  ['admin', 'listAudit', () => ({ limit: 1 }), ALL],
  ['admin', 'searchMembers', () => ({ nickname: '角色' }), ALL],
  ['admin', 'getMember', () => ({ memberId }), ALL],
  ['admin', 'revealPhone', () => ({ memberId }), SUP],
  ['admin', 'setMemberTags', () => ({ memberId, tags: ['vip'] }), OPS],
  ['admin', 'overrideTier', () => ({ memberId: 'no_such_member', tier: 'silver', until: '2030-01-01T00:00:00+08:00', reason: '角色测试' }), OPS],
  ['admin', 'resolveFlag', () => ({ flagId: 'no_such_flag' }), ['owner', 'operator', 'support']],
  ['admin', 'exportMember', () => ({ memberId: 'no_such_member', reason: '会员申请' }), SUP],
  ['admin', 'eraseMember', () => ({ memberId: 'no_such_member', reason: '会员申请', confirm: 'DELETE' }), SUP],
  ['admin', 'listStores', () => ({}), ALL],
  ['admin', 'listFlags', () => ({}), ALL],
  ['campaign', 'list', () => ({}), ALL],
  ['campaign', 'report', () => ({ campaignId: 'no_such_campaign' }), ALL],
  ['campaign', 'pause', () => ({ campaignId: 'no_such_campaign' }), OPS],
  ['campaign', 'dispatch', () => ({}), OWNER],
  ['coupon', 'listAllTemplates', () => ({}), ALL],
  ['coupon', 'reconcileClaimed', () => ({ templateId: 'no-such-template' }), OPS],
  ['groupbuy', 'reconcileHeld', () => ({ dealId: 'no-such-deal' }), OPS],
  ['jobs', 'purgeEphemeral', () => ({}), OWNER],
  ['referral', 'getSettings', () => ({}), ALL],
  ['referral', 'updateSettings', () => ({}), OWNER],
];

describe('role × action: every role is refused exactly the actions its role does not allow', () => {
  it.each(TABLE.map(([fn, action, payload, allowed]) => [`${fn}.${action}`, fn, action, payload, allowed] as const))('%s', async (_label, fn, action, payload, allowed) => {
    for (const role of ROLES) {
      const result = await accounts[role].raw(fn, action, payload());
      const code = result.ok ? 'ok' : result.code;
      if (allowed.includes(role)) expect([role, code]).not.toEqual([role, 'ROLE_FORBIDDEN']);
      else expect([role, code]).toEqual([role, 'ROLE_FORBIDDEN']);
      expect([role, code]).not.toEqual([role, 'FORBIDDEN']);
    }
  });

  it('a role refusal is audited with the account and the action tried', async () => {
    await expectCode(accounts.analyst.call('admin', 'revealPhone', { memberId }), 'ROLE_FORBIDDEN');
    const [record] = await find<AuditDoc>(COLLECTIONS.audit, { 'actor.id': 'uid:uid_analyst', outcome: 'refused' }, { limit: 5 });
    expect(record).toMatchObject({ action: 'authority.refused', detail: { code: 'ROLE_FORBIDDEN', source: 'web_client' } });
    expect(record.detail.targets).toEqual(expect.arrayContaining(['admin.revealPhone']));
  });
});

describe('who is a console admin', () => {
  it('an unknown uid, an inactive account, a chain through a function, or an openid beside the uid is nobody', async () => {
    await expectCode(webAccount('uid_stranger').call('admin', 'getSettings', {}), 'FORBIDDEN');
    await consoleAccount(world, 'uid_gone', 'owner', false);
    await expectCode(webAccount('uid_gone').call('admin', 'getSettings', {}), 'FORBIDDEN');
    await expectCode(webAccount('uid_owner', 'web_client,scf').call('admin', 'getSettings', {}), 'FORBIDDEN');
    await expectCode(webAccount('uid_owner', 'wx_http').call('admin', 'getSettings', {}), 'FORBIDDEN');
    const withOpenid = await (await import('../../cloudfunctions/admin')).main({ action: 'getSettings' }, { request_id: 'r-both', environ: 'TCB_SOURCE=web_client;TCB_UUID=uid_owner;WX_OPENID=o_roles_member' });
    expect(withOpenid).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('the role comes from the admins record, never from the request', async () => {
    await expectCode(accounts.analyst.call('admin', 'updateSettings', { role: 'owner' } as never), 'ROLE_FORBIDDEN');
  });

  it('whoami answers the account, its role and exactly the actions it may call', async () => {
    const me = await accounts.support.call('admin', 'whoami', {});
    expect(me).toMatchObject({ uid: 'uid_support', role: 'support', name: '管理员uid_support', actor: 'console:support:uid_support' });
    expect(me.actions).toEqual(expect.arrayContaining(['admin.revealPhone', 'admin.searchMembers', 'admin.exportMember', 'campaign.list']));
    expect(me.actions).not.toContain('admin.adjustPoints');
    expect(me.actions).not.toContain('campaign.trigger');
    const system = await world.console.call('admin', 'whoami', {});
    expect(system).toMatchObject({ role: 'system', uid: null });
    expect(system.actions).toEqual(expect.arrayContaining(['jobs.purgeEphemeral', 'admin.upsertAdmin', 'campaign.trigger']));
  });

  it('a listed admin openid acts as owner', async () => {
    await world.console.call('admin', 'setAdmins', { openids: ['o_roles_listed'] });
    const listed = world.shopper('o_roles_listed');
    expect(await listed.call('admin', 'whoami', {})).toMatchObject({ role: 'owner', uid: 'o_roles_listed', actor: 'admin:o_roles_listed' });
  });
});

describe('console accounts', () => {
  it('owners list and change accounts; the last active owner cannot be demoted or deactivated', async () => {
    const { admins } = await accounts.owner.call('admin', 'listAdmins', {});
    expect(admins.map((a) => a.uid)).toEqual(expect.arrayContaining(['uid_owner', 'uid_operator', 'uid_support', 'uid_analyst']));
    await expectCode(accounts.owner.call('admin', 'upsertAdmin', { uid: 'uid_owner', username: 'u_uid_owner', name: '店主', role: 'operator' }), 'LAST_OWNER');
    await expectCode(accounts.owner.call('admin', 'upsertAdmin', { uid: 'uid_owner', username: 'u_uid_owner', name: '店主', role: 'owner', active: false }), 'LAST_OWNER');
    await accounts.owner.call('admin', 'upsertAdmin', { uid: 'uid_owner2', username: 'second_owner', name: '二号', role: 'owner' });
    const { admin } = await accounts.owner.call('admin', 'upsertAdmin', { uid: 'uid_owner', username: 'u_uid_owner', name: '店主', role: 'operator' });
    expect(admin).toMatchObject({ role: 'operator', active: true });
    const second = webAccount('uid_owner2');
    await expectCode(second.call('admin', 'upsertAdmin', { uid: 'uid_owner2', username: 'second_owner', name: '二号', role: 'analyst' }), 'LAST_OWNER');
    await second.call('admin', 'upsertAdmin', { uid: 'uid_owner', username: 'u_uid_owner', name: '店主', role: 'owner' });
  });

  it('a username belongs to one account; bad input changes nothing', async () => {
    await expectCode(accounts.owner.call('admin', 'upsertAdmin', { uid: 'uid_other', username: 'u_uid_support', name: '冒名', role: 'owner' }), 'INVALID_INPUT');
    await expectCode(accounts.owner.call('admin', 'upsertAdmin', { uid: 'uid x', username: 'ok', name: '空格', role: 'owner' }), 'INVALID_INPUT');
    await expectCode(accounts.owner.call('admin', 'upsertAdmin', { uid: 'uid_y', username: 'ok_y', name: '超级', role: 'root' as never }), 'INVALID_INPUT');
    const { admins } = await accounts.owner.call('admin', 'listAdmins', {});
    expect(admins.map((a) => a.uid)).not.toEqual(expect.arrayContaining(['uid_other']));
    expect(admins.map((a) => a.uid)).not.toContain('uid_y');
  });
});

describe('the audit log', () => {
  it('records console actions with the account uid and role, filtered and paged by cursor', async () => {
    world.clock.advance(60_000);
    const start = world.clock.now().toISOString();
    for (let i = 0; i < 5; i += 1) {
      world.clock.advance(60_000);
      await accounts.operator.call('admin', 'setMemberTags', { memberId, tags: [`t${i}`] });
    }
    const mine = await accounts.analyst.call('admin', 'listAudit', { actor: 'uid_operator', limit: 50 });
    expect(mine.items.length).toBeGreaterThanOrEqual(5);
    for (const item of mine.items) expect(item.actor).toMatchObject({ uid: 'uid_operator', role: 'operator', kind: 'admin' });

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await accounts.analyst.call('admin', 'listAudit', { memberId, auditAction: 'campaign.setMemberTags', from: start, limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);

    world.clock.advance(60_000);
    const from = world.clock.now();
    await accounts.operator.call('admin', 'setMemberTags', { memberId, tags: ['late'] });
    const recent = await accounts.analyst.call('admin', 'listAudit', { memberId, from: from.toISOString() });
    expect(recent.items.map((i) => i.detail)).toEqual([expect.objectContaining({ tags: ['late'] })]);
    await expectCode(accounts.analyst.call('admin', 'listAudit', { cursor: 'not-a-cursor' }), 'INVALID_INPUT');
  });
});
