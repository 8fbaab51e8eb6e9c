import { issueMemberCode, verifyMemberCode } from '../../cloudfunctions/shared/domain/member-code/token';

const SECRET = 'unit-test-secret-0123456789';
const MEMBER = '0123456789abcdef0123456789abcdef';
const now = new Date('2026-11-23T10:00:00+08:00');

function codeOf(error: unknown): string | undefined {
  return (error as { code?: string }).code;
}

function failure(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return codeOf(error);
  }
  return undefined;
}

describe('member code token', () => {
  it('round-trips and carries only the opaque member id', () => {
    const { code, expiresAt } = issueMemberCode(MEMBER, now, 60, SECRET);
    expect(code.split('.')[1]).toBe(MEMBER);
    expect(expiresAt.getTime() - now.getTime()).toBe(60_000);
    expect(verifyMemberCode(code, now, 60, SECRET).memberId).toBe(MEMBER);
  });

  it('gives every issued code a different nonce', () => {
    const a = verifyMemberCode(issueMemberCode(MEMBER, now, 60, SECRET).code, now, 60, SECRET);
    const b = verifyMemberCode(issueMemberCode(MEMBER, now, 60, SECRET).code, now, 60, SECRET);
    expect(a.nonce).not.toBe(b.nonce);
  });

  it('refuses expired, tampered, forged and malformed codes with distinct codes', () => {
    const { code } = issueMemberCode(MEMBER, now, 60, SECRET);
    expect(failure(() => verifyMemberCode(code, new Date(now.getTime() + 70_000), 60, SECRET))).toBe('CODE_EXPIRED');
    const otherMember = code.replace(MEMBER, 'f'.repeat(32));
    expect(failure(() => verifyMemberCode(otherMember, now, 60, SECRET))).toBe('CODE_INVALID');
    const forged = issueMemberCode(MEMBER, now, 60, 'attacker-secret-0123456789').code;
    expect(failure(() => verifyMemberCode(forged, now, 60, SECRET))).toBe('CODE_INVALID');
    const longLived = issueMemberCode(MEMBER, now, 86_400, SECRET).code;
    expect(failure(() => verifyMemberCode(longLived, now, 60, SECRET))).toBe('CODE_INVALID');
    expect(failure(() => verifyMemberCode('hello', now, 60, SECRET))).toBe('CODE_MALFORMED');
    expect(failure(() => verifyMemberCode(`${code}x`, now, 60, SECRET))).toBe('CODE_MALFORMED');
  });
});
