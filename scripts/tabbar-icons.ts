/**
 * Tab bar icons (app.json tabBar iconPath / selectedIconPath): PNG, at most 40 KB each, 81x81 px
 * as WeChat recommends. Simple line drawings, rendered with 4x4 supersampling into an alpha mask
 * and written twice, grey (#888888) and the brand green (#07c160, tabBar.selectedColor).
 * The PNGs are checked in; re-run after changing a drawing: `npx tsx scripts/tabbar-icons.ts`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PNG } from 'pngjs';

const SIZE = 81;
const SAMPLES = 4;
type Shape = (x: number, y: number) => boolean;

const ring = (cx: number, cy: number, r: number, width: number): Shape => (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - r) <= width / 2;
const box = (x0: number, y0: number, x1: number, y1: number): Shape => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;

function roundedBox(x0: number, y0: number, x1: number, y1: number, radius: number): Shape {
  return (x, y) => {
    const dx = Math.max(x0 + radius - x, 0, x - (x1 - radius));
    const dy = Math.max(y0 + radius - y, 0, y - (y1 - radius));
    return x >= x0 && x <= x1 && y >= y0 && y <= y1 && Math.hypot(dx, dy) <= radius;
  };
}

function outline(outer: Shape, inner: Shape): Shape {
  return (x, y) => outer(x, y) && !inner(x, y);
}

function polygon(points: Array<[number, number]>): Shape {
  return (x, y) => {
    let inside = false;
    for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
      const [xi, yi] = points[i];
      const [xj, yj] = points[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };
}

function star(cx: number, cy: number, outer: number, inner: number): Shape {
  const points: Array<[number, number]> = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? outer : inner;
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    points.push([cx + r * Math.cos(angle), cy + r * Math.sin(angle)]);
  }
  return polygon(points);
}

const union = (...shapes: Shape[]): Shape => (x, y) => shapes.some((s) => s(x, y));

export const ICONS: Record<string, Shape> = {
  // A membership card: outline, magnetic stripe, a name bar.
  card: union(outline(roundedBox(8, 18, 73, 63, 8), roundedBox(13, 23, 68, 58, 4)), box(8, 29, 73, 36), roundedBox(17, 46, 38, 52, 3)),
  // A coin with a star: points.
  points: union(ring(40.5, 40.5, 29, 5), star(40.5, 41.5, 16, 7)),
  // A person: head and shoulders.
  profile: union(ring(40.5, 27, 12.5, 5), (x, y) => y <= 71 && y >= 46 && Math.abs(Math.hypot((x - 40.5) / 26, (y - 72) / 24) - 1) <= 0.1),
};

function render(shape: Shape, rgb: [number, number, number]): Buffer {
  const png = new PNG({ width: SIZE, height: SIZE });
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      let hits = 0;
      for (let sy = 0; sy < SAMPLES; sy++) for (let sx = 0; sx < SAMPLES; sx++) if (shape(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES)) hits++;
      const at = (py * SIZE + px) * 4;
      png.data[at] = rgb[0];
      png.data[at + 1] = rgb[1];
      png.data[at + 2] = rgb[2];
      png.data[at + 3] = Math.round((255 * hits) / (SAMPLES * SAMPLES));
    }
  }
  return PNG.sync.write(png, { colorType: 6 });
}

export const ICON_DIR = resolve(__dirname, '..', 'miniprogram', 'images', 'tabbar');
const GREY: [number, number, number] = [0x88, 0x88, 0x88];
const GREEN: [number, number, number] = [0x07, 0xc1, 0x60];

if (require.main === module) {
  mkdirSync(ICON_DIR, { recursive: true });
  for (const [name, shape] of Object.entries(ICONS)) {
    writeFileSync(join(ICON_DIR, `${name}.png`), render(shape, GREY));
    writeFileSync(join(ICON_DIR, `${name}-active.png`), render(shape, GREEN));
  }
  process.stdout.write(`wrote ${Object.keys(ICONS).length * 2} icons into ${ICON_DIR}\n`);
}
