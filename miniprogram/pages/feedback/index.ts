import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import type { FeedbackCategory } from '../../../typings/api';
import { feedbackStore } from '../../stores/feedback-store';
import { CATEGORY_OPTIONS, feedbackProblem } from '../../utils/feedback-view';
import { toastOk } from '../../utils/toast';

/**
 * 意见反馈: category, text and an optional order number; the member's earlier feedback with the
 * status and the brand's reply below. Text only: the emulator has no cloud storage, so no photo
 * (docs/loyalty-rules.md, "Feedback").
 */
ComponentWithStore({
  storeBindings: { store: feedbackStore, fields: ['rows', 'loading', 'submitting', 'error'], actions: [] },
  data: { categories: CATEGORY_OPTIONS, categoryIndex: 0, text: '', orderNo: '', formError: '' },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      if (query.orderNo) this.setData({ orderNo: decodeURIComponent(query.orderNo) });
    },
    onShow() {
      void feedbackStore.loadMine();
    },
    onCategory(e: WechatMiniprogram.PickerChange) {
      this.setData({ categoryIndex: Number(e.detail.value) });
    },
    onText(e: WechatMiniprogram.Input) {
      this.setData({ text: e.detail.value });
    },
    onOrderNo(e: WechatMiniprogram.Input) {
      this.setData({ orderNo: e.detail.value });
    },
    async onSubmit() {
      const problem = feedbackProblem(this.data.text, this.data.orderNo);
      if (problem) {
        this.setData({ formError: problem });
        return;
      }
      this.setData({ formError: '' });
      const category = CATEGORY_OPTIONS[this.data.categoryIndex].value as FeedbackCategory;
      if (await feedbackStore.submit({ category, text: this.data.text, orderNo: this.data.orderNo })) {
        this.setData({ text: '', orderNo: '' });
        toastOk('已提交');
      }
    },
  },
});
