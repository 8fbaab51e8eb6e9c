import { z } from 'zod';
import { createCollections } from '../shared/data/setup';
import { recordAudit, adminAudit } from '../shared/domain/audit/audit';
import { adjustPoints } from '../shared/domain/points/adjustment';
import { reconcile } from '../shared/domain/points/reconcile';
import { setTiers, updateSettings } from '../shared/domain/settings/admin';
import { loadConfiguration, saveAdminOpenids } from '../shared/domain/settings/service';
import { listFlags, upsertStaff, upsertStore } from '../shared/domain/till/staff-admin';
import { admin } from '../shared/platform/guards';
import { action, defineFunction } from '../shared/platform/handler';
import { EVERY_ROLE, OPERATORS, OWNERS } from '../shared/platform/roles';
import { consoleActions } from './console-actions';
import { businessKey, consentVersion, documentId, empty } from '../shared/platform/schemas';

const permille = z.number().int().min(0).max(100_000);
const tier = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/),
  name: z.string().min(1).max(16),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  threshold: z.number().int().min(0),
  benefits: z.strictObject({ pointsMultiplierPermille: permille.min(1), birthdayGiftPoints: z.number().int().min(0), perks: z.array(z.string().max(32)).max(10) }),
});
const settings = z.strictObject({
  pointsPerYuan: z.number().int().min(0).max(1000),
  pointValueFen: z.number().int().min(0).max(10_000),
  growthPerYuan: z.number().int().min(0).max(1000),
  pendingDays: z.number().int().min(0).max(90),
  expiryMonths: z.number().int().min(1).max(60),
  tierProtectionMonths: z.number().int().min(0).max(36),
  memberCodeTtlSeconds: z.number().int().min(15).max(600),
  expiringSoonDays: z.number().int().min(1).max(365),
  privacyPolicyVersion: consentVersion,
  pointsApprovalThreshold: z.number().int().min(0).max(10_000_000),
});
const staffLimits = z.strictObject({
  purchaseFenPerDay: z.number().int().min(0),
  pointsAdjustedPerDay: z.number().int().min(0),
  couponsRedeemedPerDay: z.number().int().min(0),
  refundFenPerDay: z.number().int().min(0),
});
const openid = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'not an openid');

/** Admin actions: only the console, timers, other functions or listed admin openids may call them. Not exposed over HTTP access. */
export const main = defineFunction('admin', {
  setup: action({
    input: empty,
    guard: admin,
    roles: OWNERS,
    run: async (_input, call, actor) => {
      const result = await createCollections();
      await recordAudit(adminAudit(actor, 'admin.setup', { created: result.created }, call.now));
      return result;
    },
  }),
  getSettings: action({ input: empty, guard: admin, roles: EVERY_ROLE, run: () => loadConfiguration() }),
  updateSettings: action({
    input: z.strictObject({ settings: settings.partial().optional(), staffLimits: staffLimits.partial().optional() }),
    guard: admin,
    roles: OWNERS,
    run: (input, call, actor) => updateSettings(input, actor, call.now),
  }),
  setTiers: action({ input: z.strictObject({ tiers: z.array(tier).min(1).max(10) }), guard: admin, roles: OWNERS, run: (input, call, actor) => setTiers(input.tiers, actor, call.now) }),
  setAdmins: action({
    input: z.strictObject({ openids: z.array(openid).max(50) }),
    guard: admin,
    roles: OWNERS,
    run: async (input, call, actor) => {
      await saveAdminOpenids(input.openids, call.now);
      await recordAudit(adminAudit(actor, 'admin.setAdmins', { count: input.openids.length }, call.now));
      return { openids: input.openids };
    },
  }),
  upsertStore: action({
    input: z.strictObject({ storeId: documentId, name: z.string().trim().min(1).max(64) }),
    guard: admin,
    roles: OPERATORS,
    run: (input, call, actor) => upsertStore(input, actor, call.now),
  }),
  upsertStaff: action({
    input: z.strictObject({
      openid,
      name: z.string().trim().min(1).max(32),
      storeId: documentId,
      role: z.enum(['cashier', 'manager']),
      active: z.boolean().optional(),
      limits: staffLimits.partial().optional(),
    }),
    guard: admin,
    roles: OPERATORS,
    run: (input, call, actor) => upsertStaff(input, actor, call.now),
  }),
  adjustPoints: action({
    input: z.strictObject({
      memberId: documentId,
      delta: z.number().int().refine((n) => n !== 0, 'delta must not be 0').refine((n) => Math.abs(n) <= 10_000_000, 'delta is too large'),
      reason: z.string().trim().min(2).max(200),
      key: businessKey,
    }),
    guard: admin,
    roles: OPERATORS,
    run: (input, call, actor) => adjustPoints(input, actor, call.now),
  }),
  reconcile: action({
    input: z.strictObject({ cursor: z.string().max(64).optional(), batchSize: z.number().int().min(1).max(500).default(200), maxMembers: z.number().int().min(1).optional() }),
    guard: admin,
    roles: OWNERS,
    run: async (input, call, actor) => {
      const report = await reconcile({ cursor: input.cursor ?? null, batchSize: input.batchSize, maxMembers: input.maxMembers, timeLeftMs: call.timeLeftMs });
      await recordAudit(adminAudit(actor, 'admin.reconcile', { scanned: report.scanned, discrepancies: report.discrepancies.length }, call.now));
      return report;
    },
  }),
  listFlags: action({ input: z.strictObject({ limit: z.number().int().min(1).max(100).default(50) }), guard: admin, roles: EVERY_ROLE, run: (input) => listFlags(input.limit) }),
  ...consoleActions(() => main),
});
