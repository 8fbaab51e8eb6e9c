import { makeAutoObservable, observable } from 'mobx-miniprogram';
import type { BenefitsView } from '../../typings/api';
import { call } from '../services/client';
import { retentionText, tierColumns, type TierColumn } from '../utils/benefits-view';
import { differs, loadInto } from '../utils/remote-load';

/** The tier page: every tier's benefits, and (for members) progress and what keeping the tier takes. */
export class BenefitsStore {
  view: BenefitsView | null = null;
  loading = false;
  error = '';

  constructor() {
    makeAutoObservable(this, { view: observable.ref }, { autoBind: true });
  }

  reset(): void {
    this.view = null;
    this.loading = false;
    this.error = '';
  }

  get columns(): TierColumn[] {
    return this.view ? tierColumns(this.view) : [];
  }
  get isMember(): boolean {
    return Boolean(this.view?.member);
  }
  get currentName(): string {
    const code = this.view?.member?.tier;
    return this.view?.tiers.find((t) => t.code === code)?.name ?? '';
  }
  get progressText(): string {
    const member = this.view?.member;
    if (!member) return '';
    return member.nextTier ? `成长值 ${member.growth}，还差 ${member.nextTier.missing} 升级为 ${member.nextTier.name}` : `成长值 ${member.growth}，已是最高等级`;
  }
  get progressPercent(): number {
    const next = this.view?.member?.nextTier;
    const growth = this.view?.member?.growth ?? 0;
    if (!next || next.threshold <= 0) return 100;
    return Math.max(0, Math.min(100, Math.floor((growth * 100) / next.threshold)));
  }
  get retentionText(): string {
    const retention = this.view?.member?.retention;
    return retention ? retentionText(retention, this.currentName) : '';
  }

  async load(): Promise<void> {
    await loadInto(this, () => call('member', 'benefits', {}), (view) => {
      if (!this.view || differs(this.view, view)) this.view = view;
    });
  }
}

export const benefitsStore = new BenefitsStore();
