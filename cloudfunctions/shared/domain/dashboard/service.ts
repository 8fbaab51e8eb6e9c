import type { CsvTable, Dashboard, KpiReport, Target, WeekRow } from '../../../../typings/api';
import { kpiReport } from '../campaigns/report';
import { loadConfiguration } from '../settings/service';
import { coreUsers } from './core-users';
import { TARGETS } from './targets';
import { weeklyMembers } from './weeks';

const DAY_MS = 86_400_000;
const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;
const target = (value: number | null, goal: number): Target => ({ value, target: goal, met: value === null ? null : value >= goal });
const table = (columns: string[], rows: CsvTable['rows']): CsvTable => ({ columns, rows });

/**
 * The console dashboard for [from, to]: the KPI report (every figure as of `to`), weekly
 * membership, active rate, targets, core-user ARPU and the points liability in yuan, plus each
 * table as CSV-ready rows. Everything is an indexed count or aggregation; see
 * docs/console-api-campaigns.md#dashboard for the definitions and the measured cost.
 */
export async function dashboard(from: Date, to: Date): Promise<Dashboard> {
  const kpis = await kpiReport(from, to);
  const [weeks, core, config] = await Promise.all([weeklyMembers(from, to, kpis.members.total), coreUsers(from, to), loadConfiguration()]);
  const months = (to.getTime() - from.getTime() + 1) / (30 * DAY_MS);
  const arpu = core.count > 0 ? round(core.netSpendFen / 100 / core.count / months, 2) : null;
  const pointValueFen = config.settings.pointValueFen;
  const liability = { points: kpis.points.outstandingLiability, pointValueFen, yuan: round((kpis.points.outstandingLiability * pointValueFen) / 100, 2) };
  const activeRate = kpis.members.total > 0 ? round(kpis.members.active / kpis.members.total, 4) : null;
  const repurchase = target(kpis.repurchaseRate, TARGETS.repurchaseRate);
  const coreTarget = target(arpu, TARGETS.coreArpuYuanPerMonth);
  return {
    range: kpis.range,
    weeks,
    activeRate,
    repurchase,
    coreUsers: { count: core.count, netSpendYuan: round(core.netSpendFen / 100, 2), arpuYuanPerMonth: arpu, target: coreTarget },
    liability,
    kpis,
    tables: tables(kpis, weeks, { activeRate, repurchase, coreTarget, coreCount: core.count, liabilityYuan: liability.yuan }),
  };
}

function tables(kpis: KpiReport, weeks: WeekRow[], extra: { activeRate: number | null; repurchase: Target; coreTarget: Target; coreCount: number; liabilityYuan: number }): Dashboard['tables'] {
  const { coupons, groupBuy, referrals } = kpis.growth;
  return {
    kpis: table(['kpi', 'value', 'target'], [
      ['members', kpis.members.total, null],
      ['new_members', kpis.members.new, null],
      ['active_members', kpis.members.active, null],
      ['active_rate', extra.activeRate, null],
      ['repurchase_rate', extra.repurchase.value, extra.repurchase.target],
      ['core_users', extra.coreCount, null],
      ['core_arpu_yuan_per_month', extra.coreTarget.value, extra.coreTarget.target],
      ['points_outstanding', kpis.points.outstandingLiability, null],
      ['points_liability_yuan', extra.liabilityYuan, null],
      ['coupon_redemption_rate', coupons.redemptionRate, null],
      ['groupbuy_success_rate', groupBuy.successRate, null],
      ['referral_conversion_rate', referrals.conversionRate, null],
    ]),
    weeks: table(['week_start', 'new_members', 'members'], weeks.map((w) => [w.weekStart, w.newMembers, w.members])),
    tiers: table(['tier', 'members'], Object.entries(kpis.tiers.distribution).sort(([a], [b]) => a.localeCompare(b)).map(([tier, n]) => [tier, n])),
    tierMovements: table(['from', 'to', 'reason', 'count'], kpis.tiers.movements.map((m) => [m.from, m.to, m.reason, m.count])),
    points: table(['kind', 'points'], [
      ['issued', kpis.points.issued],
      ['redeemed', kpis.points.redeemed],
      ['expired', kpis.points.expired],
      ['reversed', kpis.points.reversed],
      ['outstanding', kpis.points.outstandingLiability],
    ]),
    campaigns: table(
      ['campaign_id', 'name', 'reach', 'holdout', 'conversion_rate', 'holdout_conversion_rate', 'uplift_points', 'p_value', 'points_granted'],
      kpis.campaigns.map((c) => [c.campaignId, c.name, c.reach, c.holdout, c.conversionRate, c.holdoutConversionRate, c.upliftPoints, c.significance?.pValue ?? null, c.pointsGranted]),
    ),
    variants: table(
      ['campaign_id', 'variant', 'reach', 'converted', 'conversion_rate', 'uplift_points', 'z', 'p_value', 'significant'],
      kpis.campaigns.flatMap((c) => c.variants.map((v) => [c.campaignId, v.code, v.reach, v.converted, v.conversionRate, v.upliftPoints, v.significance?.z ?? null, v.significance?.pValue ?? null, v.significance ? String(v.significance.significant) : null])),
    ),
  };
}
