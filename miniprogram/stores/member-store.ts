import { makeAutoObservable, runInAction } from 'mobx-miniprogram';
import type { MemberExport, WelcomeGrant } from '../../typings/api';
import type { MemberCard, ProfileView } from '../../typings/domain';
import { config } from '../config';
import { isApiError, userMessageOf } from '../services/api-error';
import { call } from '../services/client';
import { differs } from '../utils/remote-load';
import { progressPercent, progressText } from '../utils/card-view';

export type CardStatus = 'idle' | 'loading' | 'ready' | 'unregistered' | 'deleted' | 'error';

export interface MemberCode {
  code: string;
  expiresAt: string;
  /** Read out at the till when its camera fails (staff manual entry). */
  confirmCode: string;
}

export interface ProfilePatch {
  nickname?: string;
  birthday?: string | null;
  /** Only removal; a number comes through bindPhone (WeChat's phone sheet). */
  phone?: null;
  consentVersion?: string;
}

function policyVersionIn(details: unknown): string | null {
  const value = (details as { policyVersion?: unknown } | undefined)?.policyVersion;
  return typeof value === 'string' ? value : null;
}

/** The shopper's own card, member code and profile. */
export class MemberStore {
  card: MemberCard | null = null;
  status: CardStatus = 'idle';
  error = '';
  /** The privacy policy version to accept (server's, from CONSENT_REQUIRED, else config). */
  policyVersion = config.privacyPolicyVersion;
  memberCode: MemberCode | null = null;
  exportJson = '';
  /** Invite code from the link the app was opened with; sent once with the registration. */
  inviteCode = '';
  /** What joining granted (welcome pack), shown once after registration. */
  welcome: WelcomeGrant | null = null;

  constructor() {
    makeAutoObservable(this, {}, { autoBind: true });
  }

  /** Back to the first-launch state (sign-out, tests). */
  reset(): void {
    this.card = null;
    this.status = 'idle';
    this.error = '';
    this.policyVersion = config.privacyPolicyVersion;
    this.memberCode = null;
    this.exportJson = '';
    this.inviteCode = '';
    this.welcome = null;
  }

  /** Keeps the invite code of a launch query (`?inviteCode=…`) for the registration. */
  setInviteCode(code: string | undefined): void {
    const text = (code ?? '').trim();
    if (text) this.inviteCode = text;
  }

  get tierName(): string {
    return this.card?.tier.name ?? '';
  }
  get tierColor(): string {
    return this.card?.tier.color ?? '#999999';
  }
  get progressText(): string {
    return this.card ? progressText(this.card) : '';
  }
  get progressPercent(): number {
    return this.card ? progressPercent(this.card) : 0;
  }
  get profile(): ProfileView | null {
    return this.card?.profile ?? null;
  }

  private fail(error: unknown): void {
    this.error = userMessageOf(error);
    if (isApiError(error) && error.code === 'CONSENT_REQUIRED') this.policyVersion = policyVersionIn(error.details) ?? this.policyVersion;
  }

  async loadCard(): Promise<void> {
    this.status = this.card ? 'ready' : 'loading';
    try {
      const card = await call('member', 'card', {});
      runInAction(() => {
        // A refresh usually returns the same card: keeping the old object means the bindings
        // see no change and send nothing through setData.
        if (!this.card || differs(this.card, card)) this.card = card;
        this.status = 'ready';
        this.error = '';
      });
    } catch (error) {
      runInAction(() => {
        const code = isApiError(error) ? error.code : null;
        if (code === 'NOT_REGISTERED') this.status = 'unregistered';
        else if (code === 'MEMBER_DELETED') this.status = 'deleted';
        else {
          this.status = 'error';
          this.fail(error);
        }
      });
    }
  }

  /** Registration (idempotent on the server); `consented` is the user's explicit tick. */
  async register(consented: boolean, nickname?: string, phoneCode?: string): Promise<boolean> {
    if (!consented) {
      this.error = '请先阅读并同意隐私政策';
      return false;
    }
    try {
      const invite = this.inviteCode ? { inviteCode: this.inviteCode } : {};
      const { card, welcome } = await call('member', 'register', { consentVersion: this.policyVersion, ...(nickname ? { nickname } : {}), ...invite });
      runInAction(() => {
        this.card = card;
        this.welcome = welcome && (welcome.points > 0 || welcome.coupons.length > 0) ? welcome : null;
        this.inviteCode = '';
        this.status = 'ready';
        this.error = '';
      });
    } catch (error) {
      runInAction(() => this.fail(error));
      return false;
    }
    // The phone sheet's code lives 5 minutes: bound right after joining; a failure leaves the card.
    if (phoneCode) await this.bindPhone(phoneCode);
    return true;
  }

  /** The code from `<button open-type="getPhoneNumber">` (services/phone-code.ts); the server exchanges it. */
  async bindPhone(code: string): Promise<boolean> {
    try {
      const profile = await call('member', 'bindPhone', { code });
      runInAction(() => {
        if (this.card) this.card = { ...this.card, profile };
        this.error = '';
      });
      return true;
    } catch (error) {
      runInAction(() => this.fail(error));
      return false;
    }
  }

  dismissWelcome(): void {
    this.welcome = null;
  }

  async refreshCode(): Promise<MemberCode | null> {
    try {
      const { code, expiresAt, confirmCode } = await call('member', 'code', {});
      runInAction(() => {
        this.memberCode = { code, expiresAt, confirmCode };
      });
      return this.memberCode;
    } catch (error) {
      runInAction(() => {
        this.memberCode = null;
        this.fail(error);
      });
      return null;
    }
  }

  async updateProfile(patch: ProfilePatch): Promise<boolean> {
    try {
      const profile = await call('member', 'updateProfile', patch);
      runInAction(() => {
        if (this.card) this.card = { ...this.card, nickname: profile.nickname, profile };
        this.error = '';
      });
      return true;
    } catch (error) {
      runInAction(() => this.fail(error));
      return false;
    }
  }

  async exportData(): Promise<MemberExport | null> {
    try {
      const data = await call('member', 'exportData', {});
      runInAction(() => {
        this.exportJson = JSON.stringify(data, null, 2);
      });
      return data;
    } catch (error) {
      runInAction(() => this.fail(error));
      return null;
    }
  }

  async deleteAccount(): Promise<boolean> {
    try {
      await call('member', 'deleteAccount', { confirm: 'DELETE' });
      runInAction(() => {
        this.card = null;
        this.memberCode = null;
        this.exportJson = '';
        this.status = 'deleted';
        this.error = '';
      });
      return true;
    } catch (error) {
      runInAction(() => this.fail(error));
      return false;
    }
  }
}

export const memberStore = new MemberStore();
