import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { memberStore } from '../../stores/member-store';
import { pointsStore, type LedgerPage } from '../../stores/points-store';
import { ledgerRow, type LedgerRow } from '../../utils/ledger-view';
import { appendPatch } from '../../utils/set-data-patch';

/**
 * Balance and ledger history. The rows are not bound from the store: each loaded page is
 * appended with path updates (`rows[20]`…), so a long history never travels through setData twice.
 */
ComponentWithStore({
  storeBindings: [
    { store: memberStore, fields: ['card'], actions: [] },
    { store: pointsStore, fields: ['loading', 'hasMore', 'error', 'empty'], actions: [] },
  ],
  data: { rows: [] as LedgerRow[] },
  methods: {
    onLoad() {
      if (pointsStore.items.length > 0) this.setData({ rows: pointsStore.items.map(ledgerRow) });
      else void this.reload();
    },
    onShow() {
      void memberStore.loadCard();
    },
    async onPullDownRefresh() {
      await Promise.all([memberStore.loadCard(), this.reload()]);
      wx.stopPullDownRefresh();
    },
    async onReachBottom() {
      this.append(await pointsStore.loadMore());
    },
    async reload() {
      const page = await pointsStore.refresh();
      this.setData({ rows: page ? page.items.map(ledgerRow) : [] });
    },
    append(page: LedgerPage | null) {
      if (page && page.items.length > 0) this.setData(appendPatch('rows', page.start, page.items.map(ledgerRow)));
    },
  },
});
