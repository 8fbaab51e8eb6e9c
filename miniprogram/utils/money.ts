/** Money is integer fen. Parsing works on the digits, never through floating-point multiplication. */

export type YuanParse = { ok: true; fen: number } | { ok: false; message: string };

const YUAN = /^(\d{1,9})(?:\.(\d{1,2}))?$/;
const MAX_FEN = 100_000_000_00;

/** "12.3" → 1230 fen; refuses empty, negative, zero, more than two decimals and above 1 亿元. */
export function parseYuan(input: string): YuanParse {
  const text = input.trim();
  if (text === '') return { ok: false, message: '请输入金额' };
  const match = YUAN.exec(text);
  if (!match) return { ok: false, message: '金额格式不正确，最多两位小数' };
  const fen = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  if (fen <= 0) return { ok: false, message: '金额必须大于 0' };
  if (fen > MAX_FEN) return { ok: false, message: '金额超出上限' };
  return { ok: true, fen };
}

/** 1230 → "12.30" */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
