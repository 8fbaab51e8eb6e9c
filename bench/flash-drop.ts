import autocannon from 'autocannon';
import { DEFAULT_SETTINGS } from '../cloudfunctions/shared/domain/settings/defaults';
import { callAs, callConsole } from '../test/support/emulator-process';
import { fmt } from './lib/report';
import { data } from './lib/world';

const UNITS = 100;
const CLAIMERS = 1_000;
const LEVELS = [1, 16, 64];

/**
 * A flash drop (限量券): `UNITS` units, `CLAIMERS` registered shoppers each claiming once, at 1, 16
 * and 64 connections (a fresh template per level). Every answer counts as a claim (a coupon or
 * 已领完); the check: exactly `UNITS` coupons, every other answer COUPON_OUT_OF_STOCK, the
 * template's claimed count = the coupons issued.
 */
export async function flashDrop(url: string): Promise<{ rows: Array<Array<string | number>>; notes: string[] }> {
  const shoppers = Array.from({ length: CLAIMERS }, (_, i) => `flash_member_${i}`);
  for (let i = 0; i < shoppers.length; i += 16) {
    await Promise.all(shoppers.slice(i, i + 16).map(async (openid) => data(await callAs(url, openid, 'member', { action: 'register', consentVersion: DEFAULT_SETTINGS.privacyPolicyVersion }))));
  }
  const rows: Array<Array<string | number>> = [];
  const checks: string[] = [];
  let allOk = true;
  for (const connections of LEVELS) {
    const templateId = `flash-${connections}`;
    data(await callConsole(url, 'coupon', {
      action: 'upsertTemplate', templateId, title: '限量券', benefit: { kind: 'cash_off', thresholdFen: 0, amountOffFen: 500 }, totalStock: UNITS, perMemberLimit: 1,
      claimWindow: { from: '2020-01-01T00:00:00+08:00', until: '2099-12-31T23:59:59+08:00' }, validity: { kind: 'relative', days: 7 }, tiers: [], stackable: false, pointsPrice: 0, visibility: 'public', active: true,
    }));
    let next = 0;
    let coupons = 0;
    let soldOut = 0;
    let other = 0;
    const result = await autocannon({
      url: `${url}/functions/coupon`,
      method: 'POST',
      connections,
      amount: CLAIMERS,
      timeout: 30,
      requests: [
        {
          setupRequest: (request) => {
            const openid = shoppers[next % shoppers.length];
            next += 1;
            return { ...request, headers: { 'content-type': 'application/json', 'x-wx-openid': openid }, body: JSON.stringify({ action: 'claim', templateId }) };
          },
          onResponse: (status, text) => {
            const answer = status === 200 ? (JSON.parse(text) as { result?: { ok?: boolean; code?: string } }).result : undefined;
            if (answer?.ok) coupons += 1;
            else if (answer?.code === 'COUPON_OUT_OF_STOCK') soldOut += 1;
            else other += 1;
          },
        },
      ],
    });
    const templates = data<{ templates: Array<{ templateId: string; totalStock: number; remainingStock: number }> }>(await callConsole(url, 'coupon', { action: 'listAllTemplates' })).templates;
    const template = templates.find((t) => t.templateId === templateId);
    const counted = template ? template.totalStock - template.remainingStock : -1;
    const ok = coupons === UNITS && soldOut === CLAIMERS - UNITS && other === 0 && counted === UNITS;
    allOk &&= ok;
    const claimsPerSecond = CLAIMERS / Math.max(0.001, result.duration);
    rows.push([`coupon.claim flash drop (${UNITS} units, ${fmt.int(CLAIMERS)} claimers)`, connections, fmt.int(claimsPerSecond), fmt.ms(result.latency.p50), fmt.ms(result.latency.p99), fmt.int(result.non2xx + result.errors + result.timeouts + other)]);
    checks.push(`${connections}: ${coupons} coupons, ${soldOut} 已领完, ${other} other, claimed ${counted}`);
  }
  if (!allOk) process.exitCode = 1;
  const notes = [
    `Flash-drop check (${allOk ? 'OK' : 'FAILED'}): exactly ${UNITS} coupons, every other claimer COUPON_OUT_OF_STOCK (已领完), the template's claimed count = ${UNITS} — per level ${checks.join('; ')}. ops/s = all ${fmt.int(CLAIMERS)} answers (coupons and 已领完) over the level's wall time; a fresh template per level.`,
  ];
  return { rows, notes };
}
