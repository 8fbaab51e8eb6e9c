import { COLLECTIONS } from '../../data/collections';
import type { StaffDoc } from '../../data/documents';
import { getById } from '../../data/store';
import { AppError, isAppError } from '../../platform/app-error';
import { keyId } from '../../platform/ids';
import { secret } from '../../platform/secrets';
import { matchConfirmCode } from '../member-code/confirm-code';
import { requireActiveMember } from '../members/directory';
import { MANUAL_ENTRY_FAILURE_LIMIT, MANUAL_ENTRY_WINDOW_MINUTES } from '../settings/defaults';
import { consumeNonce, openTillSession, type TillIdentification } from './scan';

const MANUAL_ATTEMPTS = { kind: 'manual_entry_failures', limit: MANUAL_ENTRY_FAILURE_LIMIT, windowMinutes: MANUAL_ENTRY_WINDOW_MINUTES } as const;

/** Every refusal looks the same, so a till cannot tell an unknown card from a wrong code. */
const noMatch = () => new AppError('CONFIRM_CODE_INVALID', '卡号或确认码不正确');

/**
 * When the camera fails: the card number and the confirmation code the member reads out from
 * their card page (their presence and consent; member-code/confirm-code.ts). The code is used
 * once per member and step. Five failures per staff member per 10 minutes, then refused and
 * flagged, so the 6 digits cannot be guessed; every attempt is audited (openTillSession).
 */
export function manualEntry(staff: StaffDoc, input: { cardNo: string; confirmCode: string }, now: Date): Promise<TillIdentification> {
  return openTillSession(staff, {
    action: 'staff.manualEntry',
    attempts: MANUAL_ATTEMPTS,
    limitMessage: `手工输入失败次数过多，请 ${MANUAL_ENTRY_WINDOW_MINUTES} 分钟后再试`,
    verify: async (config) => {
      const card = await getById<{ _id: string; memberId: string }>(COLLECTIONS.cardNumbers, input.cardNo);
      if (!card) throw noMatch();
      const step = matchConfirmCode(card.memberId, input.confirmCode, now, config.settings.memberCodeTtlSeconds, secret('MEMBER_CODE_SECRET'));
      if (step === null) throw noMatch();
      let member;
      try {
        member = await requireActiveMember(card.memberId);
      } catch (error) {
        if (isAppError(error)) throw noMatch();
        throw error;
      }
      await consumeNonce(keyId('confirm', card.memberId, step), card.memberId, staff._id, now);
      return member;
    },
  }, now);
}
