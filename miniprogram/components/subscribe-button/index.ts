import type { SubscriptionKind } from '../../../typings/api/notify';
import { notifyStore } from '../../stores/notify-store';

/**
 * 订阅提醒: the one place a subscription prompt starts, and only from the user's tap. Attaching
 * loads the template ids (no prompt); the tap asks WeChat for the kinds listed in `kinds`.
 */
Component({
  properties: {
    /** Comma-separated subscription kinds, e.g. "tierUp,birthdayGift". */
    kinds: { type: String, value: '' },
    label: { type: String, value: '订阅提醒' },
  },
  lifetimes: {
    attached() {
      notifyStore.ensureKinds();
    },
  },
  methods: {
    onTap() {
      const kinds = String(this.data.kinds).split(',').map((k) => k.trim()).filter(Boolean) as SubscriptionKind[];
      notifyStore.subscribe(kinds);
    },
  },
});
