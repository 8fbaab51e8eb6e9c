import type { IntegrationDoc } from '../../data/documents';
import { AppError } from '../../platform/app-error';
import type { HttpCall, HttpOutcome } from '../../platform/http-access';
import { auditRefusal } from '../../platform/refusal-audit';
import { recordAudit } from '../audit/audit';
import { activeIntegration } from './integrations';
import { consumeNonce } from './nonces';
import { assertFresh, assertSigned, SIGNATURE_HEADERS } from './signature';

export interface SignedCaller {
  integration: IntegrationDoc;
  nonce: string;
}

const NONCE = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * The order feed's only authority: a request signed with an active integration's secret, fresh
 * (timestamp within 5 minutes), checked in that order so each failure has its own code. The
 * nonce is spent later (`admitSigned`), once the body validated. Nothing from the body counts
 * before this passed; the platform's identity keys count for nothing here.
 */
export async function integration(call: HttpCall): Promise<SignedCaller> {
  const header = (name: string): string => call.request.headers[name] ?? '';
  const integrationId = header(SIGNATURE_HEADERS.integration);
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(integrationId)) throw new AppError('INTEGRATION_UNKNOWN');
  const found = await activeIntegration(integrationId);
  const timestamp = header(SIGNATURE_HEADERS.timestamp);
  assertFresh(timestamp, call.now);
  const nonce = header(SIGNATURE_HEADERS.nonce);
  if (!NONCE.test(nonce)) throw new AppError('SIGNATURE_INVALID', 'nonce: 16-64 letters, digits, - or _');
  assertSigned([found.secret], { method: call.request.method, path: call.request.path, timestamp, nonce, body: call.request.body }, header(SIGNATURE_HEADERS.signature));
  return { integration: found.doc, nonce };
}

export async function admitSigned(granted: SignedCaller, call: HttpCall): Promise<void> {
  await consumeNonce(granted.integration._id, granted.nonce, call.now);
}

/**
 * One audit record per call. A signed call that changed something is audited by its own
 * transaction; every other signed call (a retry answered from the first receipt, a refusal) gets
 * one compact record here. Unsigned calls cannot be attributed to anyone and could be a flood from
 * the internet, so they are counted into one record per source per hour (platform/refusal-audit.ts).
 */
export async function auditFeedCall(call: HttpCall, granted: SignedCaller | null, outcome: HttpOutcome): Promise<void> {
  if (!granted) {
    await auditRefusal(call, outcome.code ?? 'UNAUTHENTICATED');
    return;
  }
  await recordAudit({
    actor: { kind: 'integration', id: granted.integration._id },
    storeId: null,
    memberId: null,
    action: `orders.${outcome.action ?? 'request'}`,
    outcome: outcome.code ? 'refused' : 'ok',
    detail: { ...(outcome.code ? { code: outcome.code } : { replay: true }), nonce: granted.nonce, ...outcome.detail },
    at: call.now,
  });
}
