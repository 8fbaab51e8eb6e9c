import { makeAutoObservable, runInAction } from 'mobx-miniprogram';
import type { ReferralApi, ReferralSummary } from '../../typings/api';
import { userMessageOf } from '../services/api-error';
import { call } from '../services/client';
import { loadInto, differs } from '../utils/remote-load';

export type MyInvite = ReferralApi['myInvite']['response'];
export type InviteTouch = ReferralApi['touch']['response'];

/** The member's invite card and results; for a visitor opening an invite link, who invited them. */
export class ReferralStore {
  invite: MyInvite | null = null;
  summary: ReferralSummary | null = null;
  /** A visitor's invite link: the inviter's name (masked by the server). */
  touched: InviteTouch | null = null;
  loading = false;
  error = '';

  constructor() {
    makeAutoObservable(this, {}, { autoBind: true });
  }

  reset(): void {
    this.invite = null;
    this.summary = null;
    this.touched = null;
    this.loading = false;
    this.error = '';
  }

  /** "好友首次消费满 50 元，好友得 100 积分，你得 200 积分" (rewards follow the purchase, never the share). */
  get rewardRule(): string {
    const invite = this.invite;
    if (!invite) return '';
    const min = invite.qualifyingMinFen > 0 ? `满 ${Math.ceil(invite.qualifyingMinFen / 100)} 元` : '';
    return `好友通过邀请注册并首次消费${min}后，好友得 ${invite.inviteePoints} 积分，你得 ${invite.inviterPoints} 积分`;
  }

  async load(): Promise<void> {
    await loadInto(this, () => Promise.all([call('referral', 'myInvite', {}), call('referral', 'summary', {})]), ([invite, summary]) => {
      if (differs(this.invite, invite)) this.invite = invite;
      if (differs(this.summary, summary)) this.summary = summary;
    });
  }

  /** Records the first touch of an invite link (before registering) and shows who invited. */
  async touch(inviteCode: string): Promise<InviteTouch | null> {
    try {
      const touched = await call('referral', 'touch', { inviteCode });
      runInAction(() => {
        this.touched = touched;
      });
      return touched;
    } catch (error) {
      runInAction(() => {
        this.touched = null;
        this.error = userMessageOf(error);
      });
      return null;
    }
  }
}

export const referralStore = new ReferralStore();
