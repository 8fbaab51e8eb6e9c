/**
 * The demo brand's console sign-ins: CloudBase username/password accounts on the local
 * emulator (its own data, scrypt-hashed), each linked to an `admins` record by its uid. Local
 * demo data only: the cloud's accounts are created in the CloudBase console (用户管理).
 */
import type { AdminRole } from '../../typings/api';

export interface ConsoleAccount {
  username: string;
  password: string;
  name: string;
  role: AdminRole;
}

export const DEMO_CONSOLE_ACCOUNTS: readonly ConsoleAccount[] = [
  { username: 'owner', password: 'owner-demo-2026', name: '王店长', role: 'owner' },
  { username: 'operator', password: 'operator-demo-2026', name: '李运营', role: 'operator' },
  { username: 'support', password: 'support-demo-2026', name: '张客服', role: 'support' },
];

export const DEMO_OWNER = DEMO_CONSOLE_ACCOUNTS[0];
