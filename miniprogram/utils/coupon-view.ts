import type { ClaimableTemplate, ClaimRefusal, CouponBenefit, CouponSource, CouponStatus, CouponValidity, CouponView } from '../../typings/api';
import { formatDate, formatDateTime } from './dates';
import { formatFen } from './money';

/** Why a template cannot be claimed, as the claim centre says it. */
export const REFUSAL_LABELS: Record<ClaimRefusal, string> = {
  NOT_STARTED: '未到领取时间',
  WINDOW_CLOSED: '领取已结束',
  OUT_OF_STOCK: '已领完',
  LIMIT_REACHED: '已达领取上限',
  TIER_TOO_LOW: '会员等级不足',
  INSUFFICIENT_POINTS: '积分不足',
};

export const SOURCE_LABELS: Record<CouponSource, string> = {
  claim: '领券中心',
  points: '积分兑换',
  groupbuy: '拼团奖励',
  referral: '邀请奖励',
  campaign: '活动赠送',
  welcome: '入会礼',
};

export const STATUS_LABELS: Record<CouponStatus, string> = { usable: '可用', used: '已使用', expired: '已过期' };

/** "12.30" → "12.3"; whole yuan without decimals ("20"). */
function yuan(fen: number): string {
  return formatFen(fen).replace(/\.?0+$/, '');
}

/** 150 permille off → "8.5折" (display only). */
function discountLabel(permille: number): string {
  return `${Number(((1000 - permille) / 100).toFixed(2))}折`;
}

/** The big figure of a coupon: "¥20", "8.5折", "礼品", "免运费". */
export function benefitValue(benefit: CouponBenefit): string {
  switch (benefit.kind) {
    case 'cash_off':
      return `¥${yuan(benefit.amountOffFen)}`;
    case 'percent_off':
      return discountLabel(benefit.discountPermille);
    case 'gift':
      return '礼品';
    case 'free_shipping':
      return '免运费';
  }
}

/** The condition line: "满100元可用" / "无门槛", plus a cap or the gift. */
export function benefitRule(benefit: CouponBenefit): string {
  const threshold = benefit.thresholdFen > 0 ? `满${yuan(benefit.thresholdFen)}元可用` : '无门槛';
  if (benefit.kind === 'percent_off' && benefit.capFen !== null) return `${threshold}，最多减${yuan(benefit.capFen)}元`;
  if (benefit.kind === 'gift') return `${threshold}，赠${benefit.giftLabel}`;
  return threshold;
}

export function validityText(validity: CouponValidity): string {
  return validity.kind === 'fixed' ? `${formatDate(validity.from)} 至 ${formatDate(validity.until)} 有效` : `领取后 ${validity.days} 天内有效`;
}

/** One card of the claim centre. */
export interface TemplateRow {
  id: string;
  title: string;
  value: string;
  rule: string;
  validity: string;
  claimable: boolean;
  /** The button text: 领取 / 500 积分兑换 / the refusal. */
  action: string;
  pointsPrice: number;
  remaining: string;
}

export function templateRow(t: ClaimableTemplate): TemplateRow {
  const buy = t.pointsPrice > 0 ? `${t.pointsPrice} 积分兑换` : '领取';
  return {
    id: t.templateId,
    title: t.title,
    value: benefitValue(t.benefit),
    rule: benefitRule(t.benefit),
    validity: validityText(t.validity),
    claimable: t.claimable,
    action: t.claimable ? buy : t.reason ? REFUSAL_LABELS[t.reason] : '暂不可领',
    pointsPrice: t.pointsPrice,
    remaining: `剩余 ${t.remainingStock} 张`,
  };
}

/** One coupon of the wallet. */
export interface CouponRow {
  id: string;
  title: string;
  value: string;
  rule: string;
  /** "有效期至 2026-12-31" / "2026-12-01 起可用" / "已于 … 使用". */
  when: string;
  status: CouponStatus;
  /** "即将过期" / "未生效" / ''. */
  badge: string;
}

export function couponRow(c: CouponView): CouponRow {
  let when = `有效期至 ${formatDate(c.expiresAt)}`;
  if (c.status === 'used') when = `已于 ${formatDate(c.usedAt)} 使用`;
  else if (c.status === 'expired') when = `已于 ${formatDate(c.expiresAt)} 过期`;
  else if (c.notYetValid) when = `${formatDate(c.validFrom)} 起可用`;
  const badge = c.status !== 'usable' ? '' : c.expiringSoon ? '即将过期' : c.notYetValid ? '未生效' : '';
  return { id: c.couponId, title: c.title, value: benefitValue(c.benefit), rule: benefitRule(c.benefit), when, status: c.status, badge };
}

/** Expiring-soon coupons first, otherwise the server's order (soonest expiry first). */
export function usableFirstExpiring(coupons: readonly CouponView[]): CouponView[] {
  return [...coupons.filter((c) => c.expiringSoon), ...coupons.filter((c) => !c.expiringSoon)];
}

/** The detail section of one coupon. */
export interface CouponDetail extends CouponRow {
  description: string;
  source: string;
  stackable: string;
  validFrom: string;
  expiresAt: string;
  claimedAt: string;
  statusLabel: string;
}

export function couponDetail(c: CouponView): CouponDetail {
  return {
    ...couponRow(c),
    description: c.description,
    source: SOURCE_LABELS[c.source],
    stackable: c.stackable ? '可与其他优惠券同时使用' : '不可与其他优惠券同时使用',
    validFrom: formatDateTime(c.validFrom),
    expiresAt: formatDateTime(c.expiresAt),
    claimedAt: formatDateTime(c.claimedAt),
    statusLabel: STATUS_LABELS[c.status],
  };
}
