import type { AdminApi } from './admin';
import type { JobsApi } from './jobs';
import type { MemberApi } from './member';
import type { PointsApi } from './points';
import type { StaffApi } from './staff';

/** Function name → action name → { request, response }: the single contract of the wire. */
export interface Api {
  member: MemberApi;
  points: PointsApi;
  staff: StaffApi;
  admin: AdminApi;
  jobs: JobsApi;
}

export type FunctionName = keyof Api;
export type ActionName<F extends FunctionName> = Extract<keyof Api[F], string>;
type Entry<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { request: infer Q; response: infer R }
  ? { request: Q; response: R }
  : never;
export type RequestOf<F extends FunctionName, A extends ActionName<F>> = Entry<F, A>['request'];
export type ResponseOf<F extends FunctionName, A extends ActionName<F>> = Entry<F, A>['response'];

export type * from './admin';
export type * from './jobs';
export type * from './member';
export type * from './points';
export type * from './staff';
