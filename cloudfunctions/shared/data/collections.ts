/** Every collection the product uses. Indexes for them are declared in ./indexes.json. */
export const COLLECTIONS = {
  members: 'members',
  memberIdentities: 'member_identities',
  cardNumbers: 'card_numbers',
  ledger: 'points_ledger',
  orders: 'orders',
  tierHistory: 'tier_history',
  stores: 'stores',
  staff: 'staff',
  staffDaily: 'staff_daily',
  tillSessions: 'till_sessions',
  usedCodes: 'used_member_codes',
  scanFailures: 'scan_failures',
  audit: 'audit_log',
  flags: 'flags',
  settings: 'settings',
  jobState: 'job_state',
} as const;

export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS];
