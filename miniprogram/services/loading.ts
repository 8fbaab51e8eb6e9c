import { action, observable } from 'mobx-miniprogram';

/** How many cloud-function calls are in flight; pages may bind `network.busy` for a global spinner. */
export const network = observable(
  {
    pending: 0,
    get busy(): boolean {
      return this.pending > 0;
    },
  },
  {},
);

export const beginCall = action(() => {
  network.pending += 1;
});

export const endCall = action(() => {
  network.pending = Math.max(0, network.pending - 1);
});
