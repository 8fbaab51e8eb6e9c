import { COLLECTIONS } from '../data/collections';
import { command } from '../data/database';
import type { AuditDoc } from '../data/documents';
import { insert, patch } from '../data/store';
import { webAccountUid } from './caller';
import type { CallContext } from './handler';
import { digestId } from './ids';
import { logger } from './logger';

/**
 * Audit records of refused admin attempts, bounded against flooding: one record per caller per
 * hour (the caller being its openid, or its source when it has none), counting its attempts and
 * listing the actions it tried. A flood of refused calls therefore costs one small update each
 * and adds at most one record per caller-hour: sources are few (the platform sets them), and
 * each openid is a WeChat account. Records older than REFUSAL_RETENTION_DAYS are dropped by the
 * purgeEphemeral job. The admin key is never recorded, only whether one was valid, wrong or absent.
 */
export const REFUSAL_RETENTION_DAYS = 90;
export const REFUSAL_ACTION = 'authority.refused';

function hourOf(now: Date): string {
  return now.toISOString().slice(0, 13);
}

function callerKey(call: CallContext): string {
  if (call.caller.openid) return `openid:${call.caller.openid}`;
  // A signed-in web account is one person: its refusals are counted per account, not lumped with every web caller.
  const uid = webAccountUid(call.caller);
  return uid ? `uid:${uid}` : `source:${call.caller.source || '(empty)'}`;
}

async function countAttempt(id: string, call: CallContext, target: string): Promise<number> {
  const _ = command();
  return patch(COLLECTIONS.audit, id, { detail: { attempts: _.inc(1), lastAt: call.now, targets: _.addToSet(target), adminKey: call.adminKey } });
}

export async function auditRefusal(call: CallContext, code: string): Promise<void> {
  const who = callerKey(call);
  const target = `${call.target.fn}.${call.target.action}`;
  logger.warn({ target, source: call.caller.source, openid: call.caller.openid, adminKey: call.adminKey, requestId: call.requestId }, 'admin action refused');
  const id = digestId(`${hourOf(call.now)}|${who}`, 'refusal');
  try {
    if ((await countAttempt(id, call, target)) > 0) return;
    const entry: AuditDoc & { _id: string } = {
      _id: id,
      actor: { kind: 'caller', id: who },
      storeId: null,
      memberId: null,
      // One record covers every action this caller tried this hour (detail.targets), so it is not filed under one of them.
      action: REFUSAL_ACTION,
      outcome: 'refused',
      detail: { code, source: call.caller.source, adminKey: call.adminKey, attempts: 1, targets: [target], firstAt: call.now, lastAt: call.now },
      at: call.now,
    };
    // Another refusal of the same caller-hour may create the record first: then count into it.
    await insert(COLLECTIONS.audit, entry).catch(() => countAttempt(id, call, target));
  } catch (error) {
    // Losing an audit line must not turn the refusal into an internal error.
    logger.error({ err: error, target }, 'refusal audit write failed');
  }
}

/** For the purge job: refusal records past their retention. */
export function expiredRefusals(now: Date): Record<string, unknown> {
  const _ = command();
  return { outcome: 'refused', 'actor.kind': 'caller', at: _.lt(new Date(now.getTime() - REFUSAL_RETENTION_DAYS * 24 * 3600_000)) };
}
