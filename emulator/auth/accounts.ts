import { randomBytes, randomUUID, scryptSync, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * CloudBase username/password accounts of the local environment (the cloud's 用户管理). They
 * live in the emulator's own data folder, never in a project's collections: a project links
 * an account to its own records by the account's uid, as it would in the cloud.
 */
export interface Account {
  uid: string;
  username: string;
  name: string;
  /** scrypt(password, salt), hex. */
  passwordHash: string;
  salt: string;
  createdAt: string;
}

export interface AccountView {
  uid: string;
  username: string;
  name: string;
}

const FILE = 'auth-accounts.json';
/** CloudBase usernames: 2–48 letters, digits, `-`, `_`, `.`, starting with a letter. */
const USERNAME = /^[A-Za-z][A-Za-z0-9._-]{1,47}$/;
const KEY_LENGTH = 32;

function hashOf(password: string, salt: string): string {
  return scryptSync(password, salt, KEY_LENGTH).toString('hex');
}

export class AccountStore {
  private readonly byUsername = new Map<string, Account>();

  /** dataDir null: in memory only (the --memory emulator). */
  constructor(private readonly dataDir: string | null) {
    const file = dataDir ? join(dataDir, FILE) : null;
    if (file && existsSync(file)) {
      for (const account of JSON.parse(readFileSync(file, 'utf8')) as Account[]) this.byUsername.set(account.username, account);
    }
  }

  /**
   * Creates the account, or sets the password and name of an existing one with that username
   * (so a seed can run again); the uid never changes.
   */
  upsert(input: { username: string; password: string; name?: string }): AccountView {
    if (!USERNAME.test(input.username)) throw new Error(`username "${input.username}" must be 2-48 letters, digits, ".", "_" or "-", starting with a letter`);
    if (input.password.length < 8) throw new Error('password must have at least 8 characters');
    const existing = this.byUsername.get(input.username);
    const salt = randomBytes(16).toString('hex');
    const account: Account = {
      uid: existing?.uid ?? randomUUID().replace(/-/g, ''),
      username: input.username,
      name: input.name ?? existing?.name ?? input.username,
      passwordHash: hashOf(input.password, salt),
      salt,
      createdAt: existing?.createdAt ?? new Date().toISOString(),
    };
    this.byUsername.set(account.username, account);
    this.save();
    return viewOf(account);
  }

  /** The account when the password matches; constant-time on the hash. */
  verify(username: string, password: string): AccountView | null {
    const account = this.byUsername.get(username);
    // Hash even for an unknown name, so timing does not tell which usernames exist.
    const expected = Buffer.from(account?.passwordHash ?? '0'.repeat(KEY_LENGTH * 2), 'hex');
    const given = Buffer.from(hashOf(password, account?.salt ?? 'no-such-account'), 'hex');
    return account && timingSafeEqual(expected, given) ? viewOf(account) : null;
  }

  byUid(uid: string): AccountView | null {
    for (const account of this.byUsername.values()) if (account.uid === uid) return viewOf(account);
    return null;
  }

  list(): AccountView[] {
    return [...this.byUsername.values()].map(viewOf);
  }

  private save(): void {
    if (!this.dataDir) return;
    mkdirSync(this.dataDir, { recursive: true });
    const file = join(this.dataDir, FILE);
    writeFileSync(`${file}.tmp`, JSON.stringify([...this.byUsername.values()], null, 2), { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
    chmodSync(file, 0o600);
  }
}

function viewOf(account: Account): AccountView {
  return { uid: account.uid, username: account.username, name: account.name };
}
