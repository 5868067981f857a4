import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from './errors.ts';
import { readWorkbook, rejectOrSkip, writeWorkbook, xlsxResponse, type SheetSpec } from './excel.ts';

const ingredient = z.object({
  name: z.string().min(1),
  price: z.coerce.number().positive(),
  active: z.boolean().optional(),
  since: z.date().optional(),
  note: z.string().optional(),
});
const ingredients: SheetSpec<z.infer<typeof ingredient>> = {
  name: '食材 Ingredients',
  columns: [
    { key: 'name', zh: '名称', en: 'Name' },
    { key: 'price', zh: '单价', en: 'Unit price', width: 14 },
    { key: 'active', zh: '启用', en: 'Active' },
    { key: 'since', zh: '启用日期', en: 'Since' },
    { key: 'note', zh: '备注', en: 'Note' },
  ],
  row: ingredient,
};
const suppliers: SheetSpec<{ code: string }> = {
  name: '供应商 Suppliers',
  columns: [{ key: 'code', zh: '编码', en: 'Code' }],
  row: z.object({ code: z.string() }),
};

/** A workbook written cell by cell, the way a user's own file might look. */
async function xlsx(sheets: Record<string, ExcelJS.CellValue[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) wb.addWorksheet(name).addRows(rows);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const caught = async (p: Promise<unknown> | (() => unknown)) => {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected an error');
};

describe('excel', () => {
  it('round-trips an export back through the import unchanged', async () => {
    const rows = [
      { name: '大白菜', price: 2.5, active: true, since: new Date('2026-03-01T00:00:00Z'), note: '本地, "有机"' },
      { name: 'Potato', price: 1200, active: false },
    ];
    const buf = await writeWorkbook([{ spec: ingredients, rows }, { spec: suppliers, rows: [{ code: '007' }] }]);
    const got = await readWorkbook(buf, 'export.xlsx', { ingredients, suppliers }, 'zh');
    expect(got.ingredients.errors).toEqual([]);
    expect(got.ingredients.rows).toEqual([{ row: 2, value: rows[0] }, { row: 3, value: rows[1] }]);
    expect(got.suppliers.rows).toEqual([{ row: 2, value: { code: '007' } }]);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('食材 Ingredients')!;
    expect(ws.getRow(1).values).toEqual([, '名称 Name', '单价 Unit price', '启用 Active', '启用日期 Since', '备注 Note']);
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(2).width).toBe(14);
    expect(ws.getCell('B3').type).toBe(ExcelJS.ValueType.Number);
    expect(ws.getCell('D2').numFmt).toBe('yyyy-mm-dd');
  });

  it('accepts Chinese-only, English-only and combined headers in any of the documented forms', async () => {
    const headerSets = [
      ['名称', '单价'],
      ['name', 'UNIT PRICE'],
      ['名称 Name', '单价 Unit price'],
      ['名称/Name', ' 单价 / Unit price '],
      ['名称(Name)', '单价（Unit Price）'],
      ['名称\nName', '单价\r\nUnit price'],
    ];
    for (const headers of headerSets) {
      const got = await readWorkbook(await xlsx({ Sheet1: [headers, ['鸡蛋', '12.5']] }), 'a.xlsx', { ingredients }, 'en');
      expect(got.ingredients, headers.join('|')).toEqual({ rows: [{ row: 2, value: { name: '鸡蛋', price: 12.5 } }], errors: [] });
    }
  });

  it('reports bad rows with their Excel row numbers and headers, skipping empty rows, in both languages', async () => {
    const rows = [['白菜', 2.5], ['', 'abc'], [], [null, '  '], ['土豆', -1], ['萝卜', 3]];
    const zhFile = await xlsx({ 食材: [['名称', '单价'], ...rows] });
    const zh = await readWorkbook(zhFile, 'a.xlsx', { ingredients }, 'zh');
    expect(zh.ingredients.rows.map((r) => r.row)).toEqual([2, 7]);
    expect(zh.ingredients.errors).toEqual([
      { sheet: '食材', row: 3, column: '名称', message: '此项必填' },
      { sheet: '食材', row: 3, column: '单价', message: expect.stringMatching(/^无效输入/) },
      { sheet: '食材', row: 6, column: '单价', message: expect.stringMatching(/^数值过小/) },
    ]);

    const enFile = await xlsx({ Ingredients: [['Name', 'Unit Price'], ...rows] });
    const en = await readWorkbook(enFile, 'a.xlsx', { ingredients }, 'en');
    expect(en.ingredients.errors).toEqual([
      { sheet: 'Ingredients', row: 3, column: 'Name', message: 'This field is required' },
      { sheet: 'Ingredients', row: 3, column: 'Unit Price', message: expect.stringMatching(/^Invalid input: expected number/) },
      { sheet: 'Ingredients', row: 6, column: 'Unit Price', message: expect.stringMatching(/^Too small/) },
    ]);
  });

  it('reports a missing required header on row 1 and tolerates missing optional ones', async () => {
    const got = await readWorkbook(await xlsx({ S: [['名称', '备注'], ['盐', '']] }), 'a.xlsx', { ingredients }, 'zh');
    expect(got.ingredients).toEqual({
      rows: [],
      errors: [{ sheet: 'S', row: 1, column: '单价 Unit price', message: '缺少列「单价」' }],
    });
  });

  it('flattens rich text, formula results and hyperlinks to plain values', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('食材');
    ws.addRow(['名称 Name', '单价 Unit price', '备注 Note']);
    ws.getCell('A2').value = { richText: [{ text: '青' }, { text: '菜 ', font: { bold: true } }] };
    ws.getCell('B2').value = { formula: '2*3', result: 6 };
    ws.getCell('C2').value = { text: '供应商主页', hyperlink: 'https://example.com' };
    const got = await readWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), 'a.xlsx', { ingredients }, 'zh');
    expect(got.ingredients.rows).toEqual([{ row: 2, value: { name: '青菜', price: 6, note: '供应商主页' } }]);
  });

  it('finds sheets by full name or the part before the space, and reports a missing one', async () => {
    const buf = await xlsx({ Notes: [['x']], 供应商: [['编码'], ['S1']], '食材 Ingredients': [['名称', '单价'], ['米', 5]] });
    const got = await readWorkbook(buf, 'a.xlsx', { ingredients, suppliers }, 'en');
    expect(got.ingredients.rows).toEqual([{ row: 2, value: { name: '米', price: 5 } }]);
    expect(got.suppliers.rows).toEqual([{ row: 2, value: { code: 'S1' } }]);

    const missing = await readWorkbook(await xlsx({ Other: [['名称', '单价'], ['米', 5]] }), 'a.xlsx', { ingredients, suppliers }, 'en');
    expect(missing.suppliers.errors).toEqual([{ sheet: '供应商 Suppliers', row: 1, message: 'The file has no sheet "供应商 Suppliers"' }]);
    // With a single spec, whatever the first sheet is called, it is the one.
    const single = await readWorkbook(await xlsx({ Other: [['名称', '单价'], ['米', 5]] }), 'a.xlsx', { ingredients }, 'en');
    expect(single.ingredients.rows).toHaveLength(1);
  });

  it('reads CSV with a BOM, quoted commas, doubled quotes, line breaks in quotes and CRLF', async () => {
    const csv = '\uFEFF名称,单价 Unit price,备注\r\n"白菜, 大",2.5,"说""新鲜"""\r\n,,\r\n土豆,"1,5",\r\n"多\n行",3,x';
    const got = await readWorkbook(Buffer.from(csv, 'utf8'), 'upload.csv', { ingredients, suppliers }, 'zh');
    expect(got.ingredients.rows).toEqual([
      { row: 2, value: { name: '白菜, 大', price: 2.5, note: '说"新鲜"' } },
      { row: 5, value: { name: '多\n行', price: 3, note: 'x' } },
    ]);
    expect(got.ingredients.errors).toEqual([{ sheet: '食材 Ingredients', row: 4, column: '单价 Unit price', message: expect.any(String) }]);
    expect(got.suppliers).toEqual({ rows: [], errors: [] });
    // Detected from content even when the name says otherwise.
    const byContent = await readWorkbook(new Uint8Array(Buffer.from('Name,Unit price\nEgg,1\n')), 'upload', { ingredients }, 'en');
    expect(byContent.ingredients.rows).toEqual([{ row: 2, value: { name: 'Egg', price: 1 } }]);
  });

  it('reads a GBK-encoded CSV as saved by Excel on Chinese Windows', async () => {
    // "名称,单价\r\n白菜,2" in GBK
    const gbk = Buffer.from('c3fbb3c62cb5a5bcdb0d0ab0d7b2cb2c32', 'hex');
    const got = await readWorkbook(gbk, '食材.CSV', { ingredients }, 'zh');
    expect(got.ingredients.rows).toEqual([{ row: 2, value: { name: '白菜', price: 2 } }]);
  });

  it('refuses files that are neither xlsx nor CSV with bad_file', async () => {
    const garbage = Buffer.from(Array.from({ length: 256 }, (_, i) => (i * 97 + 13) % 256));
    for (const [bytes, name] of [
      [garbage, 'a.xlsx'],
      [garbage, 'a.csv'],
      [Buffer.concat([Buffer.from('PK\u0003\u0004'), garbage]), 'a.xlsx'],
      [Buffer.from('d0cf11e0a1b11ae1000000', 'hex'), 'old.xls'],
    ] as const) {
      const err = await caught(readWorkbook(bytes, name, { ingredients }, 'zh'));
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ status: 400, code: 'bad_file', zh: '无法读取文件，请上传 Excel (.xlsx) 或 CSV 文件' });
    }
  });

  it('rejects the whole import on bad rows unless asked to skip them, and refuses an empty import', async () => {
    const errors = [
      { sheet: 'S', row: 3, column: '名称', message: '此项必填' },
      { sheet: 'S', row: 3, column: '单价', message: 'x' },
      { sheet: 'S', row: 5, message: 'y' },
    ];
    const err = await caught(() => rejectOrSkip(errors, 10, false));
    expect(err).toMatchObject({
      status: 400, code: 'import_rejected', details: { errors },
      zh: '文件有 2 行错误，未导入任何数据', en: 'The file has 2 bad rows; nothing was imported',
    });
    expect(rejectOrSkip(errors, 10, true)).toBe(errors);
    expect(rejectOrSkip([], 1, false)).toEqual([]);
    expect(await caught(() => rejectOrSkip(errors, 0, true))).toMatchObject({ status: 400, code: 'import_empty', details: { errors } });
    expect(await caught(() => rejectOrSkip([], 0, false))).toMatchObject({ code: 'import_empty' });
  });

  it('serves a download with the xlsx type and an RFC 5987 UTF-8 file name', async () => {
    const buf = await writeWorkbook([{ spec: ingredients, rows: [] }]);
    const res = xlsxResponse(buf, "食材清单 (2026)'s");
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const cd = res.headers.get('content-disposition')!;
    expect(cd).toContain(`filename*=UTF-8''${'%E9%A3%9F%E6%9D%90%E6%B8%85%E5%8D%95'}%20%282026%29%27s.xlsx`);
    expect(cd).toMatch(/^attachment; filename="[\x20-\x7e]+\.xlsx";/);
    expect(Buffer.from(await res.arrayBuffer()).equals(buf)).toBe(true);
  });
});
