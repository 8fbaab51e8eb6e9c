import type { AdminApi } from './admin';
import type { CampaignApi } from './campaign';
import type { CouponApi } from './coupon';
import type { GroupbuyApi } from './groupbuy';
import type { JobsApi } from './jobs';
import type { MemberApi } from './member';
import type { PointsApi } from './points';
import type { ReferralApi } from './referral';
import type { StaffApi } from './staff';

/** Function name → action name → { request, response }: the single contract of the wire. */
export interface Api {
  member: MemberApi;
  points: PointsApi;
  staff: StaffApi;
  admin: AdminApi;
  jobs: JobsApi;
  campaign: CampaignApi;
  coupon: CouponApi;
  groupbuy: GroupbuyApi;
  referral: ReferralApi;
}

export type FunctionName = keyof Api;
export type ActionName<F extends FunctionName> = Extract<keyof Api[F], string>;
type Entry<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { request: infer Q; response: infer R }
  ? { request: Q; response: R }
  : never;
export type RequestOf<F extends FunctionName, A extends ActionName<F>> = Entry<F, A>['request'];
export type ResponseOf<F extends FunctionName, A extends ActionName<F>> = Entry<F, A>['response'];

export type * from './admin';
export type * from './campaign';
export type * from './console';
export type * from './coupon';
export type * from './dashboard';
export type * from './groupbuy';
export type * from './jobs';
export type * from './member';
export type * from './points';
export type * from './referral';
export type * from './staff';
