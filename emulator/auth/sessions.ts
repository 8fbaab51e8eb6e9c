import { randomBytes } from 'node:crypto';

/**
 * Access and refresh tokens of signed-in accounts, in memory: a restart signs everyone out
 * (the console then shows its sign-in page). Lifetimes follow CloudBase's defaults: an access
 * token for 2 hours, a refresh token for 30 days; a refresh rotates both.
 */
export const ACCESS_TOKEN_SECONDS = 7200;
export const REFRESH_TOKEN_SECONDS = 30 * 24 * 3600;

export interface Credentials {
  token_type: 'Bearer';
  access_token: string;
  refresh_token: string;
  expires_in: number;
  scope: string;
  sub: string;
}

interface Grant {
  uid: string;
  expiresAt: number;
}

export class SessionStore {
  private readonly access = new Map<string, Grant>();
  private readonly refresh = new Map<string, Grant>();

  constructor(private readonly now: () => number = Date.now) {}

  issue(uid: string): Credentials {
    const accessToken = randomBytes(32).toString('base64url');
    const refreshToken = randomBytes(32).toString('base64url');
    this.access.set(accessToken, { uid, expiresAt: this.now() + ACCESS_TOKEN_SECONDS * 1000 });
    this.refresh.set(refreshToken, { uid, expiresAt: this.now() + REFRESH_TOKEN_SECONDS * 1000 });
    return { token_type: 'Bearer', access_token: accessToken, refresh_token: refreshToken, expires_in: ACCESS_TOKEN_SECONDS, scope: 'user', sub: uid };
  }

  /** 'expired' is told apart so the gateway can answer ACCESS_TOKEN_EXPIRED (the SDK then refreshes). */
  uidOf(accessToken: string): string | 'expired' | null {
    const grant = this.access.get(accessToken);
    if (!grant) return null;
    if (grant.expiresAt <= this.now()) return 'expired';
    return grant.uid;
  }

  /** A refresh token is used once: the old pair is revoked, a new pair issued. */
  rotate(refreshToken: string): Credentials | null {
    const grant = this.refresh.get(refreshToken);
    this.refresh.delete(refreshToken);
    if (!grant || grant.expiresAt <= this.now()) return null;
    for (const [token, g] of this.access) if (g.uid === grant.uid && g.expiresAt <= this.now()) this.access.delete(token);
    return this.issue(grant.uid);
  }

  revoke(accessToken: string): void {
    this.access.delete(accessToken);
  }
}
