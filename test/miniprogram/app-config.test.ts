import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PNG } from 'pngjs';

const APP = resolve(__dirname, '..', '..', 'miniprogram');
interface AppJson {
  pages: string[];
  subPackages: Array<{ root: string; pages: string[] }>;
  tabBar: { list: Array<{ pagePath: string; iconPath?: string; selectedIconPath?: string }> };
}
const app = JSON.parse(readFileSync(join(APP, 'app.json'), 'utf8')) as AppJson;

describe('app.json', () => {
  it('keeps the staff till in its own subpackage, out of the main package shoppers download', () => {
    expect(app.subPackages).toEqual([{ root: 'staff', name: 'staff', pages: ['till/index'] }]);
    expect(app.pages.some((p) => p.includes('staff'))).toBe(false);
    const profile = readFileSync(join(APP, 'pages', 'profile', 'index.ts'), 'utf8');
    expect(profile).toContain("url: '/staff/till/index'");
  });

  it('lists pages that exist, each with its four files', () => {
    const all = [...app.pages, ...app.subPackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))];
    for (const page of all) for (const ext of ['ts', 'wxml', 'wxss', 'json']) expect(existsSync(join(APP, `${page}.${ext}`))).toBe(true);
  });

  // WeChat, 全局配置 › tabBar: iconPath / selectedIconPath "图片大小限制为 40kb，建议尺寸为 81px * 81px，不支持网络图片"
  // (https://developers.weixin.qq.com/miniprogram/dev/reference/configuration/app.html#tabBar).
  it('gives every tab a local PNG icon and selected icon of at most 40 KB, 81x81', () => {
    for (const tab of app.tabBar.list) {
      for (const icon of [tab.iconPath, tab.selectedIconPath]) {
        if (!icon) throw new Error(`${tab.pagePath} has no icon`);
        const file = join(APP, icon);
        expect(statSync(file).size).toBeLessThanOrEqual(40 * 1024);
        const png = PNG.sync.read(readFileSync(file));
        expect([png.width, png.height]).toEqual([81, 81]);
        expect(png.data.some((byte, i) => i % 4 === 3 && byte > 0)).toBe(true); // something is drawn
      }
      expect(tab.iconPath).not.toBe(tab.selectedIconPath);
    }
  });
});
