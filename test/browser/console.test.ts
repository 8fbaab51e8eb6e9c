import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { AudienceRule, CampaignView, MemberDetail, RunReport } from '../../typings/api';
import { ERROR_MESSAGES } from '../../miniprogram/services/error-messages';
import { DEMO_CONSOLE_ACCOUNTS } from '../../local/seed/console-accounts';
import { signedIn, startConsoleEnvironment, type ConsoleEnvironment } from '../../local/console-browser';
import { COLLECTIONS } from '../../cloudfunctions/shared/data/collections';
import { find } from '../support/inspect';

/**
 * The admin console as an admin uses it: a real Chromium page, the real @cloudbase/js-sdk
 * signing in against the emulator's Auth, every call reaching the real functions as
 * `web_client` with the account's uid. Results are checked against the server, not the page.
 */
jest.setTimeout(120_000);

const [owner, operator, supportAccount] = DEMO_CONSOLE_ACCOUNTS;
let createdCampaignId = '';
let env: ConsoleEnvironment;
let page: Page;

type Envelope<T> = { ok: true; data: T } | { ok: false; code: string; message: string };
async function server<T>(fn: string, event: Record<string, unknown>): Promise<T> {
  const result = (await env.emu.asConsole(fn, event)) as Envelope<T>;
  if (!result.ok) throw new Error(`${fn}.${String(event.action)}: ${result.code} ${result.message}`);
  return result.data;
}

// Building the console (when console/dist is stale: always in a fresh clone) and the demo seed
// take a minute or two on a busy machine; only this set-up gets that long.
beforeAll(async () => {
  env = await startConsoleEnvironment();
  page = await signedIn(env, owner);
}, 300_000);
afterAll(async () => {
  await env?.close();
});

/** Picks an option of the TDesign select inside `scope`. */
async function choose(scope: string, label: string): Promise<void> {
  await page.click(`${scope} [data-test=rule-kind]`);
  await page.click(`.t-select-option:visible:has-text("${label}")`);
}

describe('web console in Chromium', () => {
  it('signs in with the CloudBase account and shows who is signed in', async () => {
    await expect(page.textContent('[data-test=current-user]')).resolves.toContain(owner.name);
    // The role is the functions' answer (admin.whoami for this account's uid), not the page's guess.
    await expect(page.textContent('[data-test=role]')).resolves.toBe('店主');
  });

  it('builds a campaign audience visually; the preview count is the server preview of the saved rule', async () => {
    await page.click('[data-menu="/campaigns"]');
    await page.click('[data-test=new-campaign]');
    await page.fill('[data-test=campaign-name] input', '浏览器测试活动');
    // root: all [ tiers [first tier], any [ not [ tiers [first tier] ], tiers [first tier] ] ]: everyone in the first tier.
    await page.click('[data-rule-path=root] > .t-space [data-test=rule-add-condition]');
    await page.click('[data-rule-path=root] > .t-space [data-test=rule-add-group]');
    await page.click('[data-rule-path="root.1"] > .t-space [data-test=rule-add-condition]');
    await page.click('[data-rule-path="root.1"] > .t-space [data-test=rule-add-condition]');
    await choose('[data-rule-path="root.1.0"] > .rule-head', '排除条件');
    await page.click('[data-test=preview]');
    await page.waitForSelector('[data-test=preview-eligible]');
    const shown = Number(await page.textContent('[data-test=preview-eligible]'));
    const shownCost = Number(await page.textContent('[data-test=preview-cost]'));

    const url = new URL(page.url());
    const campaignId = decodeURIComponent(url.pathname.split('/').pop() ?? '');
    createdCampaignId = campaignId;
    const saved = await server<CampaignView>('campaign', { action: 'get', campaignId });
    const firstTier = (saved.audience as { all: Array<{ tiers: string[] }> }).all[0].tiers[0];
    const expected: AudienceRule = { all: [{ tiers: [firstTier] }, { any: [{ not: { tiers: [firstTier] } }, { tiers: [firstTier] }] }] };
    expect(saved.audience).toEqual(expected);
    expect(shown).toBeGreaterThan(0);
    const preview = await server<RunReport>('campaign', { action: 'preview', campaignId });
    expect(shown).toBe(preview.eligible);
    expect(shownCost).toBe(preview.estimatedPoints);
  });

  it('submits the campaign; a second admin approves it; the trigger runs to 100%', async () => {
    const campaignId = createdCampaignId;
    await page.goto(`${env.consoleUrl}campaigns/${campaignId}`);
    await page.click('[data-test=submit]');
    await page.waitForSelector('[data-test=approval-state][data-state=submitted]');
    // The submitter cannot approve their own campaign: the server refuses (SAME_APPROVER).
    await page.click('[data-test=approve]');
    await page.waitForSelector('[data-test=error]');
    await expect(server<CampaignView>('campaign', { action: 'get', campaignId })).resolves.toMatchObject({ approval: { state: 'submitted' } });

    const second = await signedIn(env, operator);
    await second.goto(`${env.consoleUrl}campaigns/${campaignId}`);
    await second.click('[data-test=approve]');
    await second.waitForSelector('[data-test=approval-state][data-state=approved]');
    const approved = await server<CampaignView>('campaign', { action: 'get', campaignId });
    expect(approved.approval).toMatchObject({ state: 'approved', submittedBy: expect.stringContaining(env.uids[owner.username]), approvedBy: expect.stringContaining(env.uids[operator.username]) });

    await page.reload();
    await page.click('[data-test=trigger]');
    await page.waitForSelector('[data-test=progress][data-percent="100"]', { timeout: 60_000 });
    const granted = Number(await page.textContent('[data-test=run-granted]'));
    const view = await server<CampaignView>('campaign', { action: 'get', campaignId });
    expect(view.spent.grants).toBe(granted);
    await second.context().close();
  });

  it('refuses a support admin a campaign action, with the message table\'s Chinese message', async () => {
    const support = await signedIn(env, supportAccount);
    await support.goto(`${env.consoleUrl}campaigns/winback`);
    await support.waitForSelector('[data-test=pause], [data-test=resume], [data-test=error]');
    const before = await server<CampaignView>('campaign', { action: 'get', campaignId: 'winback' });
    await support.click('[data-test=save]');
    await support.waitForSelector('[data-test=error]');
    await expect(support.textContent('[data-test=error]')).resolves.toContain(ERROR_MESSAGES.ROLE_FORBIDDEN);
    const after = await server<CampaignView>('campaign', { action: 'get', campaignId: 'winback' });
    expect(after.updatedAt).toBe(before.updatedAt);
    await support.context().close();
  });

  it('downloads the campaign list as CSV with every campaign the server lists', async () => {
    await page.click('[data-menu="/campaigns"]');
    await page.waitForSelector('.t-table tbody tr');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=csv]')]);
    const text = readFileSync((await download.path())!, 'utf8');
    const { campaigns } = await server<{ campaigns: CampaignView[] }>('campaign', { action: 'list' });
    const lines = text.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toBe('活动编号,活动名称,状态,审批状态,开始,结束,已发放人次,已发放积分');
    expect(lines.slice(1).map((l) => l.split(',')[0]).sort()).toEqual(campaigns.map((c) => c.campaignId).sort());
  });

  it('finds a member by card number, adjusts points and sees the ledger change', async () => {
    const [member] = await find<{ _id: string; cardNo: string; status: string }>(COLLECTIONS.members, { status: 'active' }, { limit: 1 });
    await page.click('[data-menu="/members"]');
    await page.fill('[data-test=member-keyword] input', member.cardNo);
    await page.click('[data-test=member-search]');
    await page.click(`[data-test=member-results] tbody tr:has-text("${member.cardNo}")`);
    await page.waitForSelector('[data-test=balance]');
    const before = await server<MemberDetail>('admin', { action: 'getMember', memberId: member._id });
    expect(Number(await page.textContent('[data-test=balance]'))).toBe(before.points.balance);

    await page.fill('[data-test=adjust-delta] input', '37');
    await page.fill('[data-test=adjust-reason] input', '浏览器测试补偿');
    await page.click('[data-test=adjust-submit]');
    await page.waitForSelector('[data-test=notice]');
    const after = await server<MemberDetail>('admin', { action: 'getMember', memberId: member._id });
    expect(after.points.balance).toBe(before.points.balance + 37);
    expect(Number(await page.textContent('[data-test=balance]'))).toBe(after.points.balance);
    const firstRow = await page.textContent('[data-test=ledger] tbody tr');
    expect(firstRow).toContain('37');
    expect(firstRow).toContain('浏览器测试补偿');
    expect(after.ledger.items[0]).toMatchObject({ delta: 37, reason: '浏览器测试补偿' });
  });

  it('shows dashboard figures equal to a hand count of the seeded data, and the same figures in its CSV', async () => {
    await page.click('[data-menu="/dashboard"]');
    await page.waitForSelector('[data-kpi=membersTotal] .value');
    const kpi = async (key: string): Promise<number> => Number(await page.textContent(`[data-kpi=${key}] .value`));
    const members = await find<{ status: string }>(COLLECTIONS.members, {}, { limit: 1000 });
    const ledger = await find<{ delta: number }>(COLLECTIONS.ledger, {}, { limit: 1000 });
    expect(members.length).toBeLessThan(1000);
    expect(ledger.length).toBeLessThan(1000);
    const activeMembers = members.filter((m) => m.status === 'active').length;
    const liability = ledger.reduce((sum, entry) => sum + entry.delta, 0);
    expect(activeMembers).toBeGreaterThan(0);
    await expect(kpi('membersTotal')).resolves.toBe(activeMembers);
    await expect(kpi('liability')).resolves.toBe(liability);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=csv-kpis]')]);
    const rows = readFileSync((await download.path())!, 'utf8').replace(/^\ufeff/, '').trim().split('\r\n').map((line) => line.split(','));
    expect(rows[0]).toEqual(['kpi', 'value', 'target']);
    expect(rows.find((r) => r[0] === 'members')?.[1]).toBe(String(activeMembers));
    expect(rows.find((r) => r[0] === 'points_outstanding')?.[1]).toBe(String(liability));
  });
});
