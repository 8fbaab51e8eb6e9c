import { paintQr, qrModules } from '../../utils/qr';

/** The dynamic member QR code, drawn on a canvas 2d whenever `code` changes. */
Component({
  properties: {
    code: { type: String, value: '' },
    size: { type: Number, value: 200 },
  },
  data: { drawnCode: '', moduleCount: 0 },
  observers: {
    code(code: string) {
      if (code) this.draw(code);
    },
  },
  methods: {
    draw(code: string) {
      const modules = qrModules(code);
      const size = this.data.size;
      this.setData({ drawnCode: code, moduleCount: modules.length });
      wx.createSelectorQuery()
        .in(this)
        .select('#qr')
        .fields({ node: true, size: true })
        .exec((res) => {
          const canvas = res?.[0]?.node as WechatMiniprogram.Canvas | undefined;
          if (!canvas) return;
          const ratio = wx.getWindowInfo().pixelRatio || 1;
          canvas.width = size * ratio;
          canvas.height = size * ratio;
          const ctx = canvas.getContext('2d') as CanvasRenderingContext2DLike;
          ctx.scale(ratio, ratio);
          paintQr(ctx, modules, size);
        });
    },
  },
});

interface CanvasRenderingContext2DLike {
  fillStyle: unknown;
  fillRect(x: number, y: number, w: number, h: number): void;
  scale(x: number, y: number): void;
}
