import { ADMIN_ROLES, type ActorRole, type AdminRole } from '../../../typings/api/console';

/**
 * Who an admin actor is, from the actor string the admin guard hands to actions (and that ledger
 * entries and audit records carry):
 * - `timer`, `function:<chain>`, `admin-key:<source>`: the deployment itself, role `system`;
 * - `admin:<openid>`: an openid listed with admin.setAdmins, role `owner` (docs/authority.md);
 * - `console:<role>:<uid>`: a CloudBase account from the `admins` collection, with the role it had
 *   when it acted, so audit records and ledger entries keep it after a role change.
 */
export interface ActorIdentity {
  /** The account uid or openid; for the system, the actor string itself, so every actor can be filtered on. */
  uid: string;
  role: ActorRole;
}

export function consoleActor(role: AdminRole, uid: string): string {
  return `console:${role}:${uid}`;
}

function isAdminRole(value: string): value is AdminRole {
  return (ADMIN_ROLES as readonly string[]).includes(value);
}

export function identityOf(actor: string): ActorIdentity {
  if (actor.startsWith('console:')) {
    const [, role, ...uid] = actor.split(':');
    if (isAdminRole(role) && uid.length > 0) return { uid: uid.join(':'), role };
  }
  if (actor.startsWith('admin:')) return { uid: actor.slice('admin:'.length), role: 'owner' };
  return { uid: actor, role: 'system' };
}
