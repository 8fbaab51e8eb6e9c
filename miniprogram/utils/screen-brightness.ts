/**
 * Full brightness while the member code is on screen, so a till scanner reads it; the level the
 * user had is read first (wx.getScreenBrightness) and put back when the page hides or unloads.
 */
const saved = new WeakMap<object, number>();

export function raiseBrightness(owner: object): void {
  if (saved.has(owner)) return;
  wx.getScreenBrightness({
    success: ({ value }) => {
      if (saved.has(owner)) return;
      saved.set(owner, value);
      wx.setScreenBrightness({ value: 1 });
    },
  });
}

export function restoreBrightness(owner: object): void {
  const previous = saved.get(owner);
  if (previous === undefined) return;
  saved.delete(owner);
  wx.setScreenBrightness({ value: previous });
}
