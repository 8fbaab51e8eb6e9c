/** The share path of an invite: opens the referral page with the code, which registration passes on. */
export function invitePath(inviteCode: string): string {
  return `/pages/referral/index?inviteCode=${encodeURIComponent(inviteCode)}`;
}
