import { makeAutoObservable, observable, runInAction } from 'mobx-miniprogram';
import type { OfferView } from '../../typings/api';
import { userMessageOf } from '../services/api-error';
import { call } from '../services/client';
import { offerRow, type OfferRow } from '../utils/offer-view';

/** Campaigns the member is eligible for now (campaign.offers), each with the reason. */
export class OffersStore {
  offers: OfferView[] = [];
  loaded = false;
  loading = false;
  error = '';

  constructor() {
    makeAutoObservable(this, { offers: observable.ref }, { autoBind: true });
  }

  reset(): void {
    this.offers = [];
    this.loaded = false;
    this.loading = false;
    this.error = '';
  }

  get rows(): OfferRow[] {
    return this.offers.map(offerRow);
  }

  get empty(): boolean {
    return this.loaded && !this.loading && !this.error && this.offers.length === 0;
  }

  async load(): Promise<void> {
    this.loading = true;
    try {
      const { offers } = await call('campaign', 'offers', {});
      runInAction(() => {
        if (JSON.stringify(offers) !== JSON.stringify(this.offers)) this.offers = offers;
        this.loaded = true;
        this.loading = false;
        this.error = '';
      });
    } catch (error) {
      runInAction(() => {
        this.loading = false;
        this.error = userMessageOf(error);
      });
    }
  }
}

export const offersStore = new OffersStore();
