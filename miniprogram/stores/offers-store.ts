import { makeAutoObservable, observable } from 'mobx-miniprogram';
import type { OfferView } from '../../typings/api';
import { call } from '../services/client';
import { loadInto, differs } from '../utils/remote-load';
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
    await loadInto(this, () => call('campaign', 'offers', {}), ({ offers }) => {
      if (differs(this.offers, offers)) this.offers = offers;
      this.loaded = true;
    });
  }
}

export const offersStore = new OffersStore();
