import { ref } from 'vue';

/**
 * A page's calls to the backend: `run(() => call(...))` clears the last error, marks the page
 * busy, and answers the result, or undefined after keeping the error for <ErrorLine>.
 */
export function useRemote() {
  const error = ref<unknown>(null);
  const busy = ref(false);
  async function run<T>(work: () => Promise<T>): Promise<T | undefined> {
    error.value = null;
    busy.value = true;
    try {
      return await work();
    } catch (e) {
      error.value = e;
      return undefined;
    } finally {
      busy.value = false;
    }
  }
  return { error, busy, run };
}
