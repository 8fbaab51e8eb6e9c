import type { AccountStore, AccountView } from './accounts';
import type { Credentials, SessionStore } from './sessions';

/**
 * The local stand-in of CloudBase Auth v1 for username/password accounts, as `@cloudbase/js-sdk`
 * 3.x calls it (its `oauth` module, src/auth/consts.ts `ApiUrls`, prefix `/auth`):
 *   POST /auth/v1/signin           { username, password }          → Credentials
 *   POST /auth/v1/token            { grant_type: 'refresh_token', refresh_token } → Credentials
 *   GET  /auth/v1/user/me          Authorization: Bearer <access>  → user
 *   POST /auth/v1/user/signout     Authorization: Bearer <access>  → {}
 * Failures answer `{ error, error_description }` (the SDK's `defaultRequest` throws whatever
 * JSON has an `error` field; `error` values from its `ErrorType`). emulator/README.md lists
 * what else differs from the cloud.
 */
export interface AuthAnswer {
  status: number;
  body: Record<string, unknown>;
}

export interface AuthService {
  accounts: AccountStore;
  sessions: SessionStore;
  /** The account an access token belongs to; 'expired' when it ran out. */
  accountOf(accessToken: string | undefined): AccountView | 'expired' | null;
  handle(method: string, path: string, body: Record<string, unknown>, accessToken: string | undefined): AuthAnswer | undefined;
}

const fail = (status: number, error: string, description: string): AuthAnswer => ({ status, body: { error, error_description: description } });
const ok = (body: Credentials | Record<string, unknown>): AuthAnswer => ({ status: 200, body: { ...body } });

function userOf(account: AccountView): Record<string, unknown> {
  // Field names of the SDK's UserInfo (oauth2client/models.ts): sub, name, username, ...
  return { sub: account.uid, name: account.name, username: account.username, picture: '', groups: [], status: 'ACTIVE', internal_user_type: 'normal', providers: [] };
}

export function createAuthService(accounts: AccountStore, sessions: SessionStore): AuthService {
  const accountOf = (accessToken: string | undefined): AccountView | 'expired' | null => {
    if (!accessToken) return null;
    const uid = sessions.uidOf(accessToken);
    if (uid === null || uid === 'expired') return uid;
    return accounts.byUid(uid);
  };
  return {
    accounts,
    sessions,
    accountOf,
    handle(method, path, body, accessToken) {
      if (method === 'POST' && path === '/auth/v1/signin') {
        const { username, password } = body;
        if (typeof username !== 'string' || typeof password !== 'string') return fail(400, 'invalid_argument', 'username and password are required');
        const account = accounts.verify(username, password);
        // One answer for an unknown user and a wrong password: nothing tells which names exist.
        if (!account) return fail(400, 'invalid_password', 'invalid username or password');
        return ok(sessions.issue(account.uid));
      }
      if (method === 'POST' && path === '/auth/v1/token') {
        if (body.grant_type !== 'refresh_token' || typeof body.refresh_token !== 'string') return fail(400, 'invalid_request', 'grant_type refresh_token with a refresh_token is required');
        const credentials = sessions.rotate(body.refresh_token);
        return credentials ? ok(credentials) : fail(401, 'invalid_grant', 'refresh token is invalid or expired');
      }
      if (method === 'GET' && path === '/auth/v1/user/me') {
        const account = accountOf(accessToken);
        if (account === null || account === 'expired') return fail(401, 'unauthenticated', 'credentials are missing, invalid or expired');
        return ok(userOf(account));
      }
      if (method === 'POST' && path === '/auth/v1/user/signout') {
        if (accessToken) sessions.revoke(accessToken);
        return ok({});
      }
      if (path.startsWith('/auth/')) return fail(501, 'unimplemented', `the local emulator implements username/password sign-in only; ${method} ${path} is not emulated`);
      return undefined;
    },
  };
}
