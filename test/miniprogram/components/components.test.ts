import { load, settle, text } from '../support/load';
import { wxStubs } from '../support/wx-stubs';

describe('member-qr', () => {
  it('draws the code as QR modules on the 2d canvas at device pixel ratio', async () => {
    const qr = load('components/member-qr/index', { code: 'mc1.payload.signature', size: 100 });
    await settle();
    const canvas = wxStubs().canvas;
    expect(canvas.width).toBe(200);
    expect(qr.instance.data.moduleCount).toBeGreaterThanOrEqual(21);
    expect(canvas.painted[0]).toEqual([0, 0, 100, 100]);
    expect(canvas.painted.length).toBeGreaterThan(100);
    expect(text(qr, '.qr__hint')).toBe('向店员出示此码，每分钟自动刷新');
  });

  it('waits for a code', () => {
    const qr = load('components/member-qr/index');
    expect(text(qr, '.qr__hint')).toBe('会员码加载中…');
    expect(wxStubs().canvas.painted).toHaveLength(0);
  });
});

describe('tier-progress', () => {
  it('renders the bar width and text', () => {
    const bar = load('components/tier-progress/index', { percent: 76, text: '还差 120 成长值升级为 黄金', color: '#d4a017' });
    expect(bar.querySelector('.progress__fill')?.dom?.getAttribute('style')).toContain('width: 76%');
    expect(text(bar, '.progress__text')).toBe('还差 120 成长值升级为 黄金');
  });
});
