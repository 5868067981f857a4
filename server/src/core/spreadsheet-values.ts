import { z } from 'zod';

/** Yuan as people type it in a spreadsheet ("12.5", "¥12.50") → integer fen; more than two decimals is an error. */
export const yuanToFen = z.union([z.string(), z.number()]).transform((v, c) => {
  const n = typeof v === 'number' ? v : Number(v.replace(/[¥￥,\s]/g, ''));
  const fen = Math.round(n * 100);
  if (!Number.isFinite(n) || n < 0 || Math.abs(fen - n * 100) > 1e-6 || fen > 100_000_000) {
    c.addIssue({ code: 'custom', message: `金额「${v}」无效，请填写元，最多两位小数 / invalid amount in yuan` });
  }
  return fen;
});

export const fenToYuan = (fen: number) => fen / 100;
