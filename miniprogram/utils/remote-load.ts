import { runInAction } from 'mobx-miniprogram';
import { userMessageOf } from '../services/api-error';

/** The part of a store every server load touches. */
export interface LoadState {
  loading: boolean;
  error: string;
}

/**
 * One server load for a store: raise `loading`, fetch, then apply the answer and clear the
 * error, or keep the user-facing message. Returns whether it succeeded.
 */
export async function loadInto<T>(state: LoadState, fetch: () => Promise<T>, apply: (value: T) => void): Promise<boolean> {
  runInAction(() => {
    state.loading = true;
  });
  try {
    const value = await fetch();
    runInAction(() => {
      apply(value);
      state.loading = false;
      state.error = '';
    });
    return true;
  } catch (error) {
    runInAction(() => {
      state.loading = false;
      state.error = userMessageOf(error);
    });
    return false;
  }
}

/**
 * Whether a server answer differs from what the store holds. Stores keep the old object when it
 * does not, so the bindings see no change and send nothing through setData.
 */
export function differs<T>(held: T, fresh: T): boolean {
  return JSON.stringify(held) !== JSON.stringify(fresh);
}
