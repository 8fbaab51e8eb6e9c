import type { ClaimableTemplate, CouponView } from '../../../../typings/api/coupon';
import { COLLECTIONS } from '../../data/collections';
import type { CouponClaimCounterDoc, CouponTemplateDoc, MemberCouponDoc, MemberDoc } from '../../data/documents';
import { find, getById } from '../../data/store';
import { inTransaction } from '../../data/transaction';
import { AppError } from '../../platform/app-error';
import { requireMemberByOpenid } from '../members/directory';
import { loadConfiguration } from '../settings/service';
import { sortLadder } from '../tiers/ladder';
import { ledgerDoc, ledgerIds, normalise, pointsStateOf, withPointsState } from '../points/account';
import { spend, summarize } from '../points/ledger';
import { claimRefusal, REFUSAL_ERRORS, templateRefusal } from './eligibility';
import { couponIds } from './ids';
import { issueCoupon } from './issue';
import { returnUnit, takeUnit } from './stock';
import { listedTemplates } from './templates';
import { couponView, templateView } from './views';

/** Requests answered so far (a list; older counters without one have none). */
function answeredRequests(counter: CouponClaimCounterDoc | null): NonNullable<CouponClaimCounterDoc['requests']> {
  return Array.isArray(counter?.requests) ? counter.requests : [];
}

function answeredRequest(counter: CouponClaimCounterDoc | null, key: string): { couponId: string; pointsSpent: number } | undefined {
  return answeredRequests(counter).find((request) => request.key === key);
}

/** The claim centre for one member: every listed template with whether and why (not) claimable. */
export async function listClaimable(openid: string, now: Date): Promise<{ templates: ClaimableTemplate[] }> {
  const member = await requireMemberByOpenid(openid);
  const [templates, counters] = await Promise.all([
    listedTemplates(),
    find<CouponClaimCounterDoc>(COLLECTIONS.couponClaims, { memberId: member._id }, { limit: 1000 }),
  ]);
  const claimedBy = new Map(counters.map((c) => [c.templateId, c.count]));
  const availablePoints = summarize(pointsStateOf(normalise(member, now, 'view').member)).available;
  return {
    templates: templates.map((template) => {
      const claimedByMe = claimedBy.get(template._id) ?? 0;
      const reason = claimRefusal(template, { now, tier: member.tier, claimedByMe, availablePoints });
      return { ...templateView(template), claimable: reason === null, reason, claimedByMe };
    }),
  };
}

/**
 * The claim centre for a visitor (or anyone): what a member who joined now could claim — the
 * lowest tier, no points, nothing claimed — so it says nothing about the caller.
 */
export async function browseClaimable(now: Date): Promise<{ templates: ClaimableTemplate[] }> {
  const [templates, config] = await Promise.all([listedTemplates(), loadConfiguration()]);
  const newcomerTier = sortLadder(config.tiers)[0].code;
  return {
    templates: templates.map((template) => {
      const reason = claimRefusal(template, { now, tier: newcomerTier, claimedByMe: 0, availablePoints: 0 });
      return { ...templateView(template), claimable: reason === null, reason, claimedByMe: 0 };
    }),
  };
}

/**
 * Claims one coupon. Checks run first on plain reads (a refused or sold-out claimer costs no write
 * and no transaction); then one conditional atomic update takes a unit of stock (stock.ts: the hot
 * document is never written in a transaction), and one transaction over the member's own documents
 * writes their claim counter, the coupon (id = nth claim, so the per-member limit is held by the
 * data) and, for a points price, the redemption with its ledger entry. If that transaction fails the
 * unit is given back. A `requestKey` already answered for this member and template returns that
 * claim's coupon: the counter document records the keys in the same transaction.
 */
export async function claimCoupon(openid: string, templateId: string, now: Date, requestKey?: string): Promise<{ coupon: CouponView; pointsSpent: number }> {
  // The member and the template in one round; a claim without a request key refused by the template
  // alone (window, sold out: every claimer after a flash drop) then answers without reading the
  // member's counter. A request key needs the counter first: its replay wins over a refusal.
  const [known, template] = await Promise.all([requireMemberByOpenid(openid), getById<CouponTemplateDoc>(COLLECTIONS.couponTemplates, templateId)]);
  const counterId = couponIds.claimCounter(templateId, known._id);
  if (requestKey === undefined && template) assertClaimableByAnyone(template, known, now);
  const counter = await getById<CouponClaimCounterDoc>(COLLECTIONS.couponClaims, counterId);
  const replay = await replayed(counter, requestKey);
  if (replay) return { coupon: couponView(replay.coupon, now), pointsSpent: replay.pointsSpent };
  if (!template) throw new AppError('COUPON_NOT_FOUND', `优惠券 ${templateId} 不存在`);
  if (!template.active || template.visibility !== 'public') throw new AppError('COUPON_NOT_CLAIMABLE', '该优惠券不可领取');
  if (known.status !== 'active') throw new AppError('NOT_REGISTERED');
  assertClaimable(template, known, counter?.count ?? 0, now);
  await takeUnit(template, now);
  let attempted: string | null = null;
  let outcome: { coupon: MemberCouponDoc; pointsSpent: number; fresh: boolean };
  try {
    outcome = await inTransaction(async (tx) => {
      attempted = null;
      const [mine, current] = await Promise.all([tx.get<CouponClaimCounterDoc>(COLLECTIONS.couponClaims, counterId), tx.get<MemberDoc>(COLLECTIONS.members, known._id)]);
      const answered = requestKey === undefined ? undefined : answeredRequest(mine, requestKey);
      if (answered) {
        const first = await tx.get<MemberCouponDoc>(COLLECTIONS.memberCoupons, answered.couponId);
        if (first) return { coupon: first, pointsSpent: answered.pointsSpent, fresh: false };
      }
      if (!current || current.status !== 'active') throw new AppError('NOT_REGISTERED');
      const actor = `member:${current._id}`;
      const { member, entries } = normalise(current, now, actor);
      const claimedByMe = mine?.count ?? 0;
      // Stock was taken above; the member's own limit, tier and points are checked on what this transaction read.
      assertClaimable({ ...template, claimed: 0 }, member, claimedByMe, now);
      const n = claimedByMe + 1;
      const issued = issueCoupon(template, member._id, couponIds.claimed(templateId, member._id, n), template.pointsPrice > 0 ? 'points' : 'claim', `claim_${n}`, now);
      attempted = issued._id;
      const writes: Array<Promise<void>> = [
        tx.put<CouponClaimCounterDoc>(COLLECTIONS.couponClaims, {
          _id: counterId,
          templateId,
          memberId: member._id,
          count: n,
          requests: [...answeredRequests(mine), ...(requestKey === undefined ? [] : [{ key: requestKey, couponId: issued._id, pointsSpent: template.pointsPrice }])],
          updatedAt: now,
        }),
        tx.create<MemberCouponDoc>(COLLECTIONS.memberCoupons, issued),
      ];
      if (template.pointsPrice > 0) {
        const applied = spend(pointsStateOf(member), template.pointsPrice, 'redeem');
        const next = withPointsState(member, applied.state, now);
        entries.push(ledgerDoc(member._id, applied.entry, next.points.balance, { id: ledgerIds.redeem(issued._id), reason: `coupon:${templateId}`, actor, now }));
        writes.push(tx.put(COLLECTIONS.members, next), ...entries.map((entry) => tx.create(COLLECTIONS.ledger, entry)));
      }
      await Promise.all(writes);
      return { coupon: issued, pointsSpent: template.pointsPrice, fresh: true };
    });
  } catch (error) {
    // A refusal or exhausted retries rolled back; a commit whose answer was lost may still have
    // issued the coupon, so then the unit is given back only if it did not.
    const committed = !(error instanceof AppError) && attempted !== null && (await getById<MemberCouponDoc>(COLLECTIONS.memberCoupons, attempted).catch(() => null)) !== null;
    if (!committed) await returnUnit(templateId);
    throw error;
  }
  // The same request answered by a concurrent call: this call's unit was not used.
  if (!outcome.fresh) await returnUnit(templateId);
  return { coupon: couponView(outcome.coupon, now), pointsSpent: outcome.pointsSpent };
}

/** The coupon a request key already received, if this member's counter records it. */
async function replayed(counter: CouponClaimCounterDoc | null, requestKey: string | undefined): Promise<{ coupon: MemberCouponDoc; pointsSpent: number } | null> {
  const answered = requestKey === undefined ? undefined : answeredRequest(counter, requestKey);
  if (!answered) return null;
  const coupon = await getById<MemberCouponDoc>(COLLECTIONS.memberCoupons, answered.couponId);
  return coupon ? { coupon, pointsSpent: answered.pointsSpent } : null;
}

/** The template-only refusal (window, stock), after the same checks claimCoupon makes before it. */
function assertClaimableByAnyone(template: CouponTemplateDoc, member: MemberDoc, now: Date): void {
  if (!template.active || template.visibility !== 'public') throw new AppError('COUPON_NOT_CLAIMABLE', '该优惠券不可领取');
  if (member.status !== 'active') throw new AppError('NOT_REGISTERED');
  const refusal = templateRefusal(template, now);
  if (refusal) throw new AppError(REFUSAL_ERRORS[refusal].code, REFUSAL_ERRORS[refusal].message, { reason: refusal });
}

/** Throws the refusal (window, stock, limit, tier, points) for this member, if any. */
function assertClaimable(template: CouponTemplateDoc, current: MemberDoc, claimedByMe: number, now: Date): void {
  const { member } = normalise(current, now, `member:${current._id}`);
  const refusal = claimRefusal(template, { now, tier: member.tier, claimedByMe, availablePoints: summarize(pointsStateOf(member)).available });
  if (refusal) throw new AppError(REFUSAL_ERRORS[refusal].code, REFUSAL_ERRORS[refusal].message, { reason: refusal });
}
