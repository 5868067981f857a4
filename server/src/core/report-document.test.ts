import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { documentPdf, documentResponse, documentXlsx, type DocColumn, type ReportDocument } from './report-document.ts';

const columns: DocColumn[] = [
  { key: 'name', zh: '食材', en: 'Ingredient', kind: 'text' },
  { key: 'unit', zh: '单位', en: 'Unit', kind: 'text' },
  ...(['open', 'in', 'out', 'close'] as const).flatMap((k) => [
    { key: `${k}G`, zh: '数量', en: 'Qty (kg)', kind: 'grams' as const, total: true },
    { key: `${k}Fen`, zh: '金额', en: 'Amount', kind: 'fen' as const, total: true },
  ]),
];

const row = (name: string, grams: number[], fen: number[]) => ({
  name, unit: 'kg',
  openG: grams[0]!, openFen: fen[0]!, inG: grams[1]!, inFen: fen[1]!, outG: grams[2]!, outFen: fen[2]!,
  closeG: grams[0]! + grams[1]! - grams[2]!, closeFen: fen[0]! + fen[1]! - fen[2]!,
});

const stockBalance = (rows: ReportDocument['rows']): ReportDocument => ({
  title: { zh: '收发存汇总表', en: 'Stock balance' },
  subtitle: '应急综合大楼食堂  2026-01-01 至 2026-12-31',
  fields: [
    { zh: '食堂', en: 'Canteen', value: '应急综合大楼食堂' },
    { zh: '仓库', en: 'Store', value: '主仓库' },
  ],
  columns,
  groups: [
    { zh: '期初', en: 'Opening', from: 'openG', to: 'openFen' },
    { zh: '本期入库', en: 'Received', from: 'inG', to: 'inFen' },
    { zh: '本期出库', en: 'Issued', from: 'outG', to: 'outFen' },
    { zh: '期末', en: 'Closing', from: 'closeG', to: 'closeFen' },
  ],
  rows,
  totals: true,
  signatures: [{ zh: '仓管员', en: 'Storekeeper' }, { zh: '会计', en: 'Accountant' }, { zh: '负责人', en: 'Manager' }],
  footnote: '注：金额单位为元，数量单位为千克。',
  generatedAt: new Date('2026-03-01T02:30:00Z'),
  generatedBy: '张三',
});

/** The bare minimum: no subtitle, fields, groups, signatures or author. */
const diners: ReportDocument = {
  title: { zh: '就餐人数', en: 'Diners' },
  columns: [
    { key: 'd', zh: '日期', en: 'Date', kind: 'date' },
    { key: 'n', zh: '人数', en: 'Diners', kind: 'int', total: true },
    { key: 'p', zh: '出成率', en: 'Yield', kind: 'pct' },
  ],
  rows: [{ d: '2026-01-05', n: 1200, p: 85.5 }, { d: '2026-01-06', n: 1300, p: null }],
  totals: true,
  generatedAt: new Date('2026-03-01T02:30:00Z'),
};

const doc = stockBalance([
  row('五花肉', [12_500, 80_000, 75_250], [37_500, 123_456, 150_000]),
  row('番茄', [30_000, 200_000, 210_000], [12_000, 80_000, 84_000]),
  row('鸡蛋（散装，每日配送，供应商：杭州某某农产品有限公司）', [50_000, 100_000, 120_500], [50_000, 100_000, 120_500]),
]);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'report-document-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function pdfText(buf: Buffer, name: string): { text: string; pages: number } {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, buf);
  const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
  const pages = Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [file]).toString())![1]);
  return { text, pages };
}

async function sheet(buf: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return wb.worksheets[0]!;
}

/** Row numbers of the sheet whose first cell holds `text`. */
const rowOf = (ws: ExcelJS.Worksheet, text: string) => {
  let found = 0;
  ws.eachRow((r, n) => { if (!found && r.getCell(1).value === text) found = n; });
  return found;
};

describe('documentXlsx', () => {
  it('writes title, grouped headers and values in display units that read back as numbers', async () => {
    const ws = await sheet(await documentXlsx(doc, 'zh'));
    expect(ws.name).toBe('收发存汇总表');
    expect(ws.getCell('A1').value).toBe('收发存汇总表');
    expect(ws.getCell('A2').value).toBe('应急综合大楼食堂  2026-01-01 至 2026-12-31');
    expect([ws.getCell('A3').value, ws.getCell('B3').value]).toEqual(['食堂', '应急综合大楼食堂']);

    const groupRow = ws.getRow(5);
    const header = ws.getRow(6);
    expect(groupRow.getCell(3).value).toBe('期初');
    expect(groupRow.getCell(5).value).toBe('本期入库');
    expect(ws.getCell('C5').isMerged && ws.getCell('D5').master.address).toBe('C5');
    // Columns outside every group span both header rows.
    expect(ws.getCell('A6').master.address).toBe('A5');
    expect(header.getCell(3).value).toBe('数量');
    expect(header.getCell(4).value).toBe('金额');
    expect(header.getCell(3).font.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 6 });

    const pork = ws.getRow(rowOf(ws, '五花肉'));
    expect(pork.getCell(5).value).toBe(80); // 80 000 g
    expect(pork.getCell(6).value).toBe(1234.56); // 123 456 fen
    expect(pork.getCell(6).numFmt).toBe('#,##0.00');
    expect(pork.getCell(3).value).toBe(12.5);
    expect(pork.getCell(3).numFmt).toBe('#,##0.000');

    const totals = ws.getRow(rowOf(ws, '合计'));
    expect(totals.getCell(6).value).toBeCloseTo((123_456 + 80_000 + 100_000) / 100, 10);
    expect(totals.getCell(3).value).toBeCloseTo(92.5, 10);
    expect(totals.getCell(6).font.bold).toBe(true);
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1 });
  });

  it('labels everything in English for lang en', async () => {
    const ws = await sheet(await documentXlsx(doc, 'en'));
    expect(ws.getCell('A1').value).toBe('Stock balance');
    expect(ws.getCell('A3').value).toBe('Canteen');
    expect(ws.getRow(5).getCell(3).value).toBe('Opening');
    expect(ws.getRow(6).getCell(3).value).toBe('Qty (kg)');
    expect(rowOf(ws, 'Total')).toBeGreaterThan(6);
  });

  it('formats int, pct and date columns', async () => {
    const ws = await sheet(await documentXlsx(diners, 'zh'));
    const first = ws.getRow(3);
    expect(first.getCell(1).value).toEqual(new Date('2026-01-05T00:00:00Z'));
    expect(first.getCell(1).numFmt).toBe('yyyy-mm-dd');
    expect([first.getCell(2).value, first.getCell(2).numFmt]).toEqual([1200, '#,##0']);
    expect([first.getCell(3).value, first.getCell(3).numFmt]).toEqual([85.5, '0.0"%"']);
    expect(ws.getRow(5).getCell(2).value).toBe(2500);
  });
});

describe('documentPdf', () => {
  it('renders Chinese text, grouped headers, formatted money and totals with an embedded CJK font', async () => {
    const buf = await documentPdf(doc, 'zh');
    expect(buf.subarray(0, 5).toString()).toBe('%PDF-');
    const { text, pages } = pdfText(buf, 'zh.pdf');
    for (const s of ['收发存汇总表', '应急综合大楼食堂', '期初', '本期入库', '期末', '五花肉', '番茄', '合计', '1,234.56', '12.500', '仓管员', '制表人：张三']) {
      expect(text).toContain(s);
    }
    // pdftotext drops the spaces between Chinese characters and digits.
    expect(text.replace(/\s+/g, '')).toContain('第1页/共1页');
    expect(text).toContain('2026-03-01 10:30'); // generated-at in Shanghai time
    expect(pages).toBe(1);
    const fonts = execFileSync('pdffonts', [path.join(tmp, 'zh.pdf')]).toString();
    expect(fonts).toMatch(/CJK/);
  });

  it('shows English headers for lang en', async () => {
    const { text } = pdfText(await documentPdf(doc, 'en'), 'en.pdf');
    for (const s of ['Stock balance', 'Opening', 'Received', 'Qty (kg)', 'Amount', 'Total', 'Storekeeper', 'Page 1 of 1']) {
      expect(text).toContain(s);
    }
    expect(text).not.toContain('期初');
  });

  it('continues a long table over pages with the header repeated', async () => {
    const many = stockBalance(Array.from({ length: 120 }, (_, i) => row(`食材${i + 1}`, [1000 * i, 2000, 500], [100 * i, 900, 300])));
    const { text, pages } = pdfText(await documentPdf(many, 'zh'), 'long.pdf');
    expect(pages).toBeGreaterThan(1);
    expect(text.match(/期初/g)!.length).toBe(pages);
    expect(text).toContain('食材120');
    expect(text.replace(/\s+/g, '')).toContain(`第${pages}页/共${pages}页`);
  });

  it('formats int, pct and date columns of a bare document', async () => {
    const { text } = pdfText(await documentPdf(diners, 'zh'), 'bare.pdf');
    expect(text).toMatch(/2026-01-05\s+1,200\s+85\.5%/);
    expect(text).toMatch(/合计\s+2,500/);
  });

  it('refuses with 503, saying what to install, when the CJK font is missing or has no such face', async () => {
    for (const [file, face] of [['/nonexistent/font.ttc', ''], ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', 'NoSuchFace']]) {
      vi.stubEnv('PDF_FONT', file);
      vi.stubEnv('PDF_FONT_FACE', face);
      // A fresh module, so the font cached by the other tests is not used.
      vi.resetModules();
      const fresh = await import('./report-document.ts');
      await expect(fresh.documentPdf(diners, 'zh')).rejects.toMatchObject({
        status: 503, code: 'pdf_font_missing', zh: expect.stringContaining('fonts-noto-cjk'), en: expect.stringContaining('fonts-noto-cjk'),
      });
    }
    vi.unstubAllEnvs();
  });

  it('uses portrait for narrow tables', async () => {
    const buf = await documentPdf({ ...doc, columns: columns.slice(0, 4), groups: [] }, 'zh');
    const file = path.join(tmp, 'narrow.pdf');
    fs.writeFileSync(file, buf);
    const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(execFileSync('pdfinfo', [file]).toString())!;
    expect(Number(size[1])).toBeLessThan(Number(size[2]));
  });
});

describe('documentResponse', () => {
  it('sets the content type and an RFC 5987 file name', async () => {
    const pdf = documentResponse(Buffer.from('%PDF-'), 'pdf', '收发存汇总表 2026');
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('收发存汇总表 2026.pdf')}`);
    const xlsx = documentResponse(Buffer.from('PK'), 'xlsx', '采购订单.xlsx');
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('采购订单.xlsx')}`);
  });
});
