import type { ActorRole, AdminRole } from '../../../typings/api/console';

/**
 * Which console roles may call an admin action, declared beside the action (`action({ roles })`).
 * An allow-list: an admin action that declares none is for owners only. The system (the function's
 * own timer, its own functions, a console invocation with the admin key) may call every admin
 * action. docs/authority.md lists the roles of every action.
 */
export type RoleList = readonly AdminRole[];

/** Owners only: settings, tiers, admins, jobs, reconcile. The default. */
export const OWNERS: RoleList = ['owner'];
/** Running the programme: campaigns, coupons, group-buy, member points and tags, stores and staff. */
export const OPERATORS: RoleList = ['owner', 'operator'];
/** Serving a member's request: reveal the phone, flags, export or erase on request. */
export const SUPPORT: RoleList = ['owner', 'support'];
/** Flags are followed up by whoever runs stores or serves members. */
export const FOLLOW_UP: RoleList = ['owner', 'operator', 'support'];
/** Read-only reports and lookups: every role. */
export const EVERY_ROLE: RoleList = ['owner', 'operator', 'support', 'analyst'];

export const DEFAULT_ROLES: RoleList = OWNERS;

export function mayAct(role: ActorRole, allowed: RoleList): boolean {
  return role === 'system' || allowed.includes(role);
}
