/**
 * setData paths that append `added` to the list `key` starting at `start`:
 * `{ 'rows[20]': a, 'rows[21]': b }` sends only the new page, not the whole list.
 */
export function appendPatch<T>(key: string, start: number, added: readonly T[]): Record<string, T> {
  const patch: Record<string, T> = {};
  added.forEach((item, i) => {
    patch[`${key}[${start + i}]`] = item;
  });
  return patch;
}
