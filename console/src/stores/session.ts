import { reactive } from 'vue';
import { currentUser, signIn as sdkSignIn, signOut as sdkSignOut, type CloudbaseUser } from '../api/cloudbase';

/** Who is signed in (the CloudBase account); pages never hold credentials themselves. */
export const session = reactive<{ user: CloudbaseUser | null; checked: boolean }>({ user: null, checked: false });

export async function restoreSession(): Promise<void> {
  session.user = await currentUser().catch(() => null);
  session.checked = true;
}

export async function signIn(username: string, password: string): Promise<void> {
  session.user = await sdkSignIn(username, password);
}

export async function signOut(): Promise<void> {
  await sdkSignOut().catch(() => undefined);
  session.user = null;
}
