// require-style import: both are `module.exports = fn` and must not depend on a compiler's interop helper.
import qrcode = require('qrcode-generator');

/** Dark/light modules of a QR code for `text` (auto version, error correction M). */
export function qrModules(text: string): boolean[][] {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const n = qr.getModuleCount();
  const rows: boolean[][] = [];
  for (let r = 0; r < n; r += 1) {
    const row: boolean[] = [];
    for (let c = 0; c < n; c += 1) row.push(qr.isDark(r, c));
    rows.push(row);
  }
  return rows;
}

/** The part of a canvas-2d context the drawing needs (WechatMiniprogram's and the DOM's both fit). */
export interface Painter {
  fillStyle: unknown;
  fillRect(x: number, y: number, w: number, h: number): void;
}

/** Draws the modules with a 2-module quiet zone into a `size`×`size` square. */
export function paintQr(ctx: Painter, modules: boolean[][], size: number): void {
  const n = modules.length + 4;
  const cell = size / n;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, size, size);
  ctx.fillStyle = '#000000';
  modules.forEach((row, r) =>
    row.forEach((dark, c) => {
      if (dark) ctx.fillRect((c + 2) * cell, (r + 2) * cell, Math.ceil(cell), Math.ceil(cell));
    }),
  );
}
