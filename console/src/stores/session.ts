import { reactive } from 'vue';
import type { WhoAmI } from '../../../typings/api';
import { currentUser, signIn as sdkSignIn, signOut as sdkSignOut, type CloudbaseUser } from '../api/cloudbase';
import { call } from '../api/client';

/** Who is signed in (the CloudBase account); pages never hold credentials themselves. */
export const session = reactive<{ user: CloudbaseUser | null; admin: WhoAmI | null; checked: boolean }>({ user: null, admin: null, checked: false });

/** The functions' view of the account: role and allowed actions (admin.whoami); null when it is no admin. */
async function loadAdmin(): Promise<void> {
  session.admin = session.user ? await call('admin', 'whoami', {}).catch(() => null) : null;
}

export async function restoreSession(): Promise<void> {
  session.user = await currentUser().catch(() => null);
  await loadAdmin();
  session.checked = true;
}

export async function signIn(username: string, password: string): Promise<void> {
  session.user = await sdkSignIn(username, password);
  await loadAdmin();
}

export async function signOut(): Promise<void> {
  await sdkSignOut().catch(() => undefined);
  session.user = null;
  session.admin = null;
}
